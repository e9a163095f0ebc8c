import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../api/gql';
import type { AdminUsersQuery, Role } from '../../api/gql/graphql';
import type { UserError } from '../../api/errors';
import { useSession } from '../../api/SessionContext';
import { canManageUsers } from '../../api/session';
import { useFormat, useLocalName } from '../../i18n/format';
import { QueryState } from '../../components/States';
import { LoginNeeded } from '../LoginScreen';
import { AdminTabs, FieldErrors, formErrors, NoticeBar, errorText, errorsOf, otherErrors, type Notice } from './adminShared';

const AdminUsers = graphql(`
  query AdminUsers {
    users { id username displayName role enabled createdAt lastLoginAt agency { id name nameEn } }
    agencies(first: 100) { nodes { id name nameEn } }
  }
`);

const CreateUser = graphql(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) { user { id username } errors { field code message } }
  }
`);

const SetUserEnabled = graphql(`
  mutation SetUserEnabled($id: ID!, $enabled: Boolean!) {
    setUserEnabled(id: $id, enabled: $enabled) { user { id enabled } errors { field code message } }
  }
`);

const SetUserPassword = graphql(`
  mutation SetUserPassword($id: ID!, $password: String!) {
    setUserPassword(id: $id, password: $password) { user { id } errors { field code message } }
  }
`);

type User = AdminUsersQuery['users'][number];
type AgencyOption = { id: string; name: string; nameEn: string | null };

const ROLES: Role[] = ['STAFF', 'PARTNER', 'ADMIN'];

/** The admin's page of accounts: list, create, enable or disable, set a password. */
export function AdminUsersScreen() {
  const { t } = useTranslation();
  const { viewer } = useSession();
  const [result, reexecute] = useQuery({ query: AdminUsers, pause: !canManageUsers(viewer) });
  const [notice, setNotice] = useState<Notice | null>(null);
  const reload = () => reexecute({ requestPolicy: 'network-only' });
  const done = (n: Notice) => {
    setNotice(n);
    reload();
  };

  if (!canManageUsers(viewer)) {
    return <LoginNeeded role="ADMIN" />;
  }
  return (
    <div className="screen admin">
      <AdminTabs />
      <h1>{t('admin.usersTitle')}</h1>
      <NoticeBar notice={notice} onDismiss={() => setNotice(null)} />
      <QueryState result={result} retry={reload}>
        {(d) => (
          <>
            <section className="panel" aria-labelledby="user-list-title">
              <h2 id="user-list-title">{t('admin.userList', { count: d.users.length })}</h2>
              {d.users.length === 0 ? <p className="muted">{t('admin.noUsers')}</p> : (
                <div className="table-wrap">
                  <table className="table users-table">
                    <thead>
                      <tr>
                        <th scope="col">{t('admin.account')}</th>
                        <th scope="col">{t('admin.role')}</th>
                        <th scope="col">{t('admin.state')}</th>
                        <th scope="col">{t('admin.lastLogin')}</th>
                        <th scope="col">{t('admin.actions')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {d.users.map((user) => <UserRow key={user.id} user={user} self={user.id === viewer.id} onDone={done} />)}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
            <CreateUserForm agencies={d.agencies.nodes} onDone={done} />
          </>
        )}
      </QueryState>
    </div>
  );
}

function UserRow({ user, self, onDone }: { user: User; self: boolean; onDone: (notice: Notice) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const localName = useLocalName();
  const [, setEnabled] = useMutation(SetUserEnabled);
  const [, setPassword] = useMutation(SetUserPassword);
  const [busy, setBusy] = useState(false);
  const [changing, setChanging] = useState(false);
  const [password, setPasswordText] = useState('');
  const [errors, setErrors] = useState<UserError[]>([]);
  const name = user.username;
  const passwordId = `password-${user.id}`;

  const doToggle = async () => {
    setBusy(true);
    try {
      const r = await setEnabled({ id: user.id, enabled: !user.enabled });
      const errs = r.data?.setUserEnabled.errors ?? [];
      if (r.error || errs.length) {
        onDone({ kind: 'error', text: r.error?.message ?? errorText(errs) });
      } else {
        onDone({ kind: 'ok', text: t(user.enabled ? 'admin.userDisabledDone' : 'admin.userEnabledDone', { name }) });
      }
    } finally {
      setBusy(false);
    }
  };

  const doPassword = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors([]);
    const r = await setPassword({ id: user.id, password });
    setBusy(false);
    const payload = r.data?.setUserPassword;
    if (r.error || !payload) {
      onDone({ kind: 'error', text: r.error?.message ?? t('state.error') });
    } else if (payload.errors.length) {
      setErrors(payload.errors);
    } else {
      setChanging(false);
      setPasswordText('');
      onDone({ kind: 'ok', text: t('admin.passwordDone', { name }) });
    }
  };

  const passwordErrors = errorsOf(errors, 'password');
  return (
    <tr data-user-id={user.id}>
      <td>
        <strong>{user.username}</strong>
        <div className="meta">
          {user.displayName && <span>{user.displayName}</span>}
          {user.agency && <span>{localName(user.agency)}</span>}
        </div>
      </td>
      <td>{t(`role.${user.role}`)}</td>
      <td>
        {user.enabled ? <span className="badge badge-good">{t('admin.enabled')}</span>
          : <span className="badge badge-off">{t('admin.disabled')}</span>}
      </td>
      <td>
        <div className="meta column">
          <span>{format.dateTime(user.lastLoginAt) || t('admin.neverLoggedIn')}</span>
          {user.createdAt && <span>{t('admin.created')}: {format.date(user.createdAt)}</span>}
        </div>
      </td>
      <td>
        <div className="actions">
          {!(self && user.enabled) && (
            <button type="button" className="button" disabled={busy} onClick={() => void doToggle()}
              aria-label={t(user.enabled ? 'admin.disableLabel' : 'admin.enableLabel', { name })}>
              {t(user.enabled ? 'admin.disable' : 'admin.enable')}
            </button>
          )}
          {!changing && (
            <button type="button" className="button" disabled={busy} onClick={() => setChanging(true)}
              aria-label={t('admin.setPasswordLabel', { name })}>{t('admin.setPassword')}</button>
          )}
        </div>
        {changing && (
          <form className="form password-form" onSubmit={(e) => void doPassword(e)}>
            <label>
              {t('admin.newPassword', { name })}
              <input type="password" autoComplete="new-password" required minLength={12} value={password} autoFocus
                onChange={(e) => setPasswordText(e.target.value)}
                aria-invalid={passwordErrors.length > 0} aria-describedby={passwordErrors.length ? `${passwordId}-error` : undefined} />
              <FieldErrors id={`${passwordId}-error`} errors={passwordErrors} />
            </label>
            <FieldErrors id={`${passwordId}-other`} errors={otherErrors(errors, ['password'])} />
            <div className="actions">
              <button type="submit" className="button button-primary" disabled={busy}>{t('admin.save')}</button>
              <button type="button" className="button" onClick={() => { setChanging(false); setErrors([]); setPasswordText(''); }}>
                {t('common.cancel')}
              </button>
            </div>
          </form>
        )}
      </td>
    </tr>
  );
}

const USER_FIELDS = ['username', 'displayName', 'role', 'agencyId', 'password'];

function CreateUserForm({ agencies, onDone }: { agencies: AgencyOption[]; onDone: (notice: Notice) => void }) {
  const { t } = useTranslation();
  const localName = useLocalName();
  const [, createUser] = useMutation(CreateUser);
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('STAFF');
  const [agencyId, setAgencyId] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<UserError[]>([]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors([]);
    const r = await createUser({
      input: {
        username: username.trim(),
        displayName: displayName.trim() || undefined,
        role,
        agencyId: agencyId || undefined,
        password,
      },
    });
    setBusy(false);
    const payload = r.data?.createUser;
    if (r.error || !payload) {
      onDone({ kind: 'error', text: r.error?.message ?? t('state.error') });
    } else if (payload.errors.length) {
      setErrors(payload.errors);
    } else {
      onDone({ kind: 'ok', text: t('admin.userCreatedDone', { name: payload.user?.username ?? username }) });
      setUsername('');
      setDisplayName('');
      setPassword('');
      setAgencyId('');
    }
  };

  const { described, fieldErrors } = formErrors('new-user', errors);

  return (
    <section className="panel" aria-labelledby="create-user-title">
      <h2 id="create-user-title">{t('admin.createUser')}</h2>
      <form className="form" onSubmit={(e) => void submit(e)}>
        <div className="form-row">
          <label>
            {t('admin.username')}
            <input required autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)}
              {...described('username')} />
            <span className="small muted">{t('admin.usernameHint')}</span>
            {fieldErrors('username')}
          </label>
          <label>
            {t('admin.displayName')}
            <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} {...described('displayName')} />
            {fieldErrors('displayName')}
          </label>
        </div>
        <div className="form-row">
          <label>
            {t('admin.role')}
            <select value={role} onChange={(e) => setRole(e.target.value as Role)} {...described('role')}>
              {ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
            </select>
            {fieldErrors('role')}
          </label>
          <label>
            {t('admin.agency')}
            <select value={agencyId} onChange={(e) => setAgencyId(e.target.value)} {...described('agencyId')}>
              <option value="">{t('common.none')}</option>
              {agencies.map((a) => <option key={a.id} value={a.id}>{localName(a)}</option>)}
            </select>
            {fieldErrors('agencyId')}
          </label>
        </div>
        <label>
          {t('admin.password')}
          <input type="password" required minLength={12} autoComplete="new-password" value={password}
            onChange={(e) => setPassword(e.target.value)} {...described('password')} />
          <span className="small muted">{t('admin.passwordHint')}</span>
          {fieldErrors('password')}
        </label>
        <FieldErrors id="new-user-other-error" errors={otherErrors(errors, USER_FIELDS)} />
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('admin.creating') : t('admin.create')}
        </button>
      </form>
    </section>
  );
}
