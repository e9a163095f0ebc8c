import { useTranslation } from 'react-i18next';

/** Previous / next buttons of a cursor-paged list, with the page number. */
export function Pager({ page, hasPrevious, hasNext, onPrevious, onNext, busy }: {
  page: number;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  busy?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <nav className="pager" aria-label={t('pager.label')}>
      <button type="button" className="button" onClick={onPrevious} disabled={!hasPrevious || busy}>
        {t('pager.previous')}
      </button>
      <span className="pager-page" aria-live="polite">{t('pager.page', { page })}</span>
      <button type="button" className="button" onClick={onNext} disabled={!hasNext || busy}>
        {t('pager.next')}
      </button>
    </nav>
  );
}
