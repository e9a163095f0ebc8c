/**
 * The login endpoints of the hub (`/api/auth/*`). The browser keeps the session in an HttpOnly
 * cookie; writes authenticated by that cookie carry the `XSRF-TOKEN` cookie's value in a header.
 */

export type Role = 'PUBLIC' | 'PARTNER' | 'STAFF' | 'ADMIN';

export interface Viewer {
  authenticated: boolean;
  id: string | null;
  name: string | null;
  role: Role;
  agencyId: string | null;
}

export const ANONYMOUS: Viewer = { authenticated: false, id: null, name: null, role: 'PUBLIC', agencyId: null };

export class LoginRefused extends Error {
  /** INVALID_CREDENTIALS, TOO_MANY_ATTEMPTS (then retryAfterSeconds says how long to wait), or HTTP_nnn. */
  constructor(readonly code: string, readonly retryAfterSeconds?: number) {
    super(code);
  }
}

/** The CSRF token the hub set in a readable cookie, if any. */
export function csrfToken(): string | null {
  const match = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
  return match ? decodeURIComponent(match.substring('XSRF-TOKEN='.length)) : null;
}

/** Headers that every write of the browser sends. */
export function writeHeaders(): Record<string, string> {
  const token = csrfToken();
  return token ? { 'X-XSRF-TOKEN': token } : {};
}

async function post(path: string, body?: unknown): Promise<Response> {
  return fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...writeHeaders() },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Who the browser is logged in as; also makes the hub set the XSRF-TOKEN cookie. */
export async function fetchViewer(): Promise<Viewer> {
  const response = await fetch('/api/auth/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (response.status === 401) {
    return ANONYMOUS;
  }
  if (!response.ok) {
    throw new Error(`HTTP ${response.status}`);
  }
  const body = (await response.json()) as Partial<Viewer>;
  return {
    authenticated: Boolean(body.authenticated),
    id: body.id ?? null,
    name: body.name ?? null,
    role: (body.role as Role) ?? 'PUBLIC',
    agencyId: body.agencyId ?? null,
  };
}

/** Logs in; returns when the session token expires. */
export async function login(username: string, password: string): Promise<Date> {
  if (!csrfToken()) {
    await fetchViewer();
  }
  const response = await post('/api/auth/login', { username, password });
  if (response.status === 401) {
    throw new LoginRefused('INVALID_CREDENTIALS');
  }
  if (response.status === 429) {
    const body = (await response.json().catch(() => ({}))) as { retryAfterSeconds?: number };
    throw new LoginRefused('TOO_MANY_ATTEMPTS', body.retryAfterSeconds ?? Number(response.headers.get('Retry-After') ?? 60));
  }
  if (!response.ok) {
    throw new LoginRefused(`HTTP_${response.status}`);
  }
  const body = (await response.json()) as { expiresAt: string };
  return new Date(body.expiresAt);
}

/** A fresh session token for a session that is still valid; null when there is none. */
export async function refresh(): Promise<Date | null> {
  const response = await post('/api/auth/refresh');
  if (!response.ok) {
    return null;
  }
  const body = (await response.json()) as { expiresAt: string };
  return new Date(body.expiresAt);
}

export async function logout(): Promise<void> {
  await post('/api/auth/logout');
}

export function canWriteIssues(viewer: Viewer): boolean {
  return viewer.role === 'STAFF' || viewer.role === 'ADMIN';
}

export function canViewFeeds(viewer: Viewer): boolean {
  return viewer.role === 'STAFF' || viewer.role === 'ADMIN';
}

export function canManageFeeds(viewer: Viewer): boolean {
  return viewer.role === 'ADMIN';
}

/** Accounts: admins only. */
export function canManageUsers(viewer: Viewer): boolean {
  return viewer.role === 'ADMIN';
}

/** API keys: admins see all and make or revoke them; partners see their agency's. */
export function canViewApiKeys(viewer: Viewer): boolean {
  return viewer.role === 'ADMIN' || viewer.role === 'PARTNER';
}

export function canManageApiKeys(viewer: Viewer): boolean {
  return viewer.role === 'ADMIN';
}

/** Webhooks: admins manage all, partners their agency's. */
export function canManageWebhooks(viewer: Viewer): boolean {
  return viewer.role === 'ADMIN' || viewer.role === 'PARTNER';
}

export type AdminPage = 'feeds' | 'users' | 'keys' | 'webhooks';

/** The admin pages the viewer may open, in the order of the admin tab bar. */
export function adminPages(viewer: Viewer): AdminPage[] {
  const pages: AdminPage[] = [];
  if (canViewFeeds(viewer)) {
    pages.push('feeds');
  }
  if (canManageUsers(viewer)) {
    pages.push('users');
  }
  if (canViewApiKeys(viewer)) {
    pages.push('keys');
  }
  if (canManageWebhooks(viewer)) {
    pages.push('webhooks');
  }
  return pages;
}
