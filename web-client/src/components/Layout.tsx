import { Suspense, useState, type FormEvent } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../api/SessionContext';
import { adminPages } from '../api/session';
import { ConnectionIndicator } from './ConnectionIndicator';
import { LanguageSwitch } from './LanguageSwitch';
import { LiveToasts } from './LiveToasts';
import { Loading } from './States';

/** The frame of every screen: skip link, header with navigation, search, live status and account. */
export function Layout() {
  const { t } = useTranslation();
  const { viewer, logout } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [query, setQuery] = useState('');

  const search = (event: FormEvent) => {
    event.preventDefault();
    if (query.trim()) {
      navigate(`/search?q=${encodeURIComponent(query.trim())}`);
    }
  };

  return (
    <div className="app">
      <a className="skip-link" href="#main">{t('nav.skip')}</a>
      <header className="app-header">
        <div className="header-row">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true">◎</span>
            <span>{t('app.name')}</span>
          </Link>
          <form className="search-form" role="search" onSubmit={search}>
            <label htmlFor="global-search" className="visually-hidden">{t('search.label')}</label>
            <input id="global-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)}
              placeholder={t('search.placeholder')} />
            <button type="submit" className="button">{t('search.submit')}</button>
          </form>
          <div className="header-tools">
            <ConnectionIndicator />
            <LanguageSwitch />
            {viewer.authenticated ? (
              <div className="account">
                <span className="account-name" data-role={viewer.role}>
                  {viewer.name} <small>({t(`role.${viewer.role}`)})</small>
                </span>
                <button type="button" className="button button-quiet" onClick={() => void logout()}>{t('auth.logout')}</button>
              </div>
            ) : (
              <Link className="button button-quiet" to="/login" state={{ from: location.pathname + location.search }}>
                {t('auth.login')}
              </Link>
            )}
          </div>
        </div>
        <nav className="main-nav" aria-label={t('nav.label')}>
          <NavLink to="/" end>{t('nav.overview')}</NavLink>
          <NavLink to="/districts">{t('nav.districts')}</NavLink>
          <NavLink to="/issues">{t('nav.issues')}</NavLink>
          <NavLink to="/news">{t('nav.news')}</NavLink>
          <NavLink to="/datasets">{t('nav.datasets')}</NavLink>
          <NavLink to="/complaints">{t('nav.complaints')}</NavLink>
          {viewer.authenticated && <NavLink to="/briefings">{t('nav.briefings')}</NavLink>}
          {adminPages(viewer).length > 0 && (
            <NavLink to={`/admin/${adminPages(viewer)[0]}`} className={() => (location.pathname.startsWith('/admin/') ? 'active' : '')}>
              {t('nav.admin')}
            </NavLink>
          )}
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="app-footer">
        <span>{t('app.footer')}</span>
        <a href="/graphiql">GraphiQL</a>
      </footer>
      <LiveToasts />
    </div>
  );
}
