import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../api/SessionContext';
import { LoginRefused, type Role } from '../api/session';

/** Login with the hub's own accounts; back to where the user came from afterwards. */
export function LoginScreen() {
  const { t } = useTranslation();
  const { login, viewer } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(username, password);
      navigate(from, { replace: true });
    } catch (e) {
      if (e instanceof LoginRefused && e.code === 'INVALID_CREDENTIALS') {
        setError(t('auth.invalid'));
      } else if (e instanceof LoginRefused && e.code === 'TOO_MANY_ATTEMPTS') {
        setError(t('auth.throttled', { seconds: e.retryAfterSeconds }));
      } else {
        setError(t('state.networkError'));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="screen login">
      <h1>{t('auth.title')}</h1>
      {viewer.authenticated && <p className="notice notice-ok" role="status">{t('auth.already', { name: viewer.name })}</p>}
      <form className="form panel login-form" onSubmit={(e) => void submit(e)} noValidate>
        <label>
          {t('auth.username')}
          <input name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label>
          {t('auth.password')}
          <input name="password" type="password" autoComplete="current-password" required value={password}
            onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error && <div className="notice notice-error" role="alert">{error}</div>}
        <button type="submit" className="button button-primary" disabled={busy || !username || !password}>
          {busy ? t('auth.loggingIn') : t('auth.submit')}
        </button>
      </form>
    </div>
  );
}

/** Shown instead of a screen that needs an account the viewer does not have. */
export function LoginNeeded({ role }: { role: Role }) {
  const { t } = useTranslation();
  const { viewer } = useSession();
  const location = useLocation();
  return (
    <div className="screen">
      <div className="state state-empty" role="status">
        {viewer.authenticated ? t('auth.needRole', { role: t(`role.${role}`) }) : (
          <>
            {t('auth.needLogin')}{' '}
            <Link to="/login" state={{ from: location.pathname + location.search }}>{t('auth.login')}</Link>
          </>
        )}
      </div>
    </div>
  );
}
