import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useIssueEvents, type IssueEvent } from '../api/LiveContext';

const SHOW_MS = 8000;

/** Issue changes as they arrive, for a few seconds each, in a polite live region. */
export function LiveToasts() {
  const { t } = useTranslation();
  const [toasts, setToasts] = useState<IssueEvent[]>([]);
  useIssueEvents((event) => setToasts((list) => [event, ...list.filter((e) => e.seq !== event.seq)].slice(0, 3)));
  useEffect(() => {
    if (toasts.length === 0) {
      return undefined;
    }
    const timer = setTimeout(() => setToasts((list) => list.slice(0, -1)), SHOW_MS);
    return () => clearTimeout(timer);
  }, [toasts]);
  return (
    <div className="toasts" role="log" aria-live="polite" aria-label={t('live.toasts')}>
      {toasts.map((event) => (
        <div key={event.seq} className="toast">
          <span className="toast-kind">{t(`issueEvent.${event.kind}`)}</span>{' '}
          <Link to={`/issues/${event.issue.id}`}>{event.issue.title}</Link>
          {event.kind === 'STATUS_CHANGED' && <span> → {t(`status.${event.issue.status}`)}</span>}
        </div>
      ))}
    </div>
  );
}
