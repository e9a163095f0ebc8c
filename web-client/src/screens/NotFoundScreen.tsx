import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

export function NotFoundScreen() {
  const { t } = useTranslation();
  return (
    <div className="screen">
      <h1>{t('state.pageNotFound')}</h1>
      <p><Link to="/">{t('nav.overview')}</Link></p>
    </div>
  );
}
