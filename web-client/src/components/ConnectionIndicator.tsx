import { useTranslation } from 'react-i18next';
import { useLive } from '../api/LiveContext';

/** Whether live updates are flowing: a dot and a word, announced to screen readers when it changes. */
export function ConnectionIndicator() {
  const { t } = useTranslation();
  const { status } = useLive();
  return (
    <div className={`connection connection-${status}`} role="status" aria-live="polite" data-status={status}
      title={t(`live.hint.${status}`)}>
      <span className="connection-dot" aria-hidden="true" />
      <span>{t(`live.status.${status}`)}</span>
    </div>
  );
}
