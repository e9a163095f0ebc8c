import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import * as auth from './session';
import { ANONYMOUS, type Viewer } from './session';

interface SessionApi {
  viewer: Viewer;
  /** True until the first answer of /api/auth/me. */
  loading: boolean;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
  /** Renews the session token; resolves to false when the session has ended. */
  refresh(): Promise<boolean>;
}

const SessionContext = createContext<SessionApi | null>(null);

/** Renew the token when half of its life has passed, and never later than a minute before it ends. */
function renewalDelay(expiresAt: Date): number {
  const left = expiresAt.getTime() - Date.now();
  return Math.max(5_000, Math.min(left / 2, left - 60_000));
}

/** Who is logged in, with login, logout and the renewal of the session token while the page is open. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [viewer, setViewer] = useState<Viewer>(ANONYMOUS);
  const [loading, setLoading] = useState(true);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const schedule = useCallback((expiresAt: Date | null, renew: () => void) => {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    if (expiresAt) {
      timer.current = setTimeout(renew, renewalDelay(expiresAt));
    }
  }, []);

  const reload = useCallback(async () => {
    const next = await auth.fetchViewer().catch(() => ANONYMOUS);
    setViewer((previous) => (sameViewer(previous, next) ? previous : next));
    return next;
  }, []);

  const refresh = useCallback(async (): Promise<boolean> => {
    const expiresAt = await auth.refresh().catch(() => null);
    if (!expiresAt) {
      schedule(null, () => undefined);
      await reload();
      return false;
    }
    schedule(expiresAt, () => void refresh());
    return true;
  }, [reload, schedule]);

  useEffect(() => {
    void reload().then((current) => {
      setLoading(false);
      if (current.authenticated) {
        void refresh();
      }
    });
    return () => schedule(null, () => undefined);
  }, [reload, refresh, schedule]);

  const login = useCallback(async (username: string, password: string) => {
    const expiresAt = await auth.login(username, password);
    schedule(expiresAt, () => void refresh());
    await reload();
  }, [reload, refresh, schedule]);

  const logout = useCallback(async () => {
    schedule(null, () => undefined);
    await auth.logout().catch(() => undefined);
    await reload();
  }, [reload, schedule]);

  const api = useMemo(() => ({ viewer, loading, login, logout, refresh }), [viewer, loading, login, logout, refresh]);
  return <SessionContext.Provider value={api}>{children}</SessionContext.Provider>;
}

function sameViewer(a: Viewer, b: Viewer): boolean {
  return a.id === b.id && a.role === b.role && a.authenticated === b.authenticated && a.name === b.name;
}

export function useSession(): SessionApi {
  const api = useContext(SessionContext);
  if (!api) {
    throw new Error('useSession outside SessionProvider');
  }
  return api;
}
