import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../api/gql';
import type { AdminApiKeysQuery, Role } from '../../api/gql/graphql';
import type { UserError } from '../../api/errors';
import { useSession } from '../../api/SessionContext';
import { canManageApiKeys, canViewApiKeys } from '../../api/session';
import { useFormat, useLocalName } from '../../i18n/format';
import { QueryState } from '../../components/States';
import { LoginNeeded } from '../LoginScreen';
import { AdminTabs, FieldErrors, formErrors, NoticeBar, SecretOnce, errorText, otherErrors, type Notice } from './adminShared';

const AdminApiKeys = graphql(`
  query AdminApiKeys {
    apiKeys { id name role prefix createdAt lastUsedAt expiresAt revokedAt active agency { id name nameEn } }
    agencies(first: 100) { nodes { id name nameEn } }
  }
`);

const CreateApiKey = graphql(`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) { apiKey { id name prefix } key errors { field code message } }
  }
`);

const RevokeApiKey = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) { apiKey { id active revokedAt } errors { field code message } }
  }
`);

type ApiKey = AdminApiKeysQuery['apiKeys'][number];
type AgencyOption = { id: string; name: string; nameEn: string | null };

/** API keys of partner and city systems: admins see, make and revoke them; partners see their agency's. */
export function AdminKeysScreen() {
  const { t } = useTranslation();
  const { viewer } = useSession();
  const [result, reexecute] = useQuery({ query: AdminApiKeys, pause: !canViewApiKeys(viewer) });
  const [notice, setNotice] = useState<Notice | null>(null);
  const [issued, setIssued] = useState<{ name: string; key: string } | null>(null);
  const reload = () => reexecute({ requestPolicy: 'network-only' });
  const done = (n: Notice) => {
    setNotice(n);
    reload();
  };

  if (!canViewApiKeys(viewer)) {
    return <LoginNeeded role="ADMIN" />;
  }
  const admin = canManageApiKeys(viewer);
  return (
    <div className="screen admin">
      <AdminTabs />
      <h1>{t('admin.keysTitle')}</h1>
      <NoticeBar notice={notice} onDismiss={() => setNotice(null)} />
      {issued && (
        <SecretOnce title={t('admin.newKey', { name: issued.name })} warning={t('admin.keyWarning')} value={issued.key}
          onClose={() => setIssued(null)} />
      )}
      <QueryState result={result} retry={reload}>
        {(d) => (
          <>
            <section className="panel" aria-labelledby="key-list-title">
              <h2 id="key-list-title">{t('admin.keyList', { count: d.apiKeys.length })}</h2>
              {d.apiKeys.length === 0 ? <p className="muted">{t('admin.noKeys')}</p> : (
                <div className="table-wrap">
                  <table className="table keys-table">
                    <thead>
                      <tr>
                        <th scope="col">{t('admin.key')}</th>
                        <th scope="col">{t('admin.role')}</th>
                        <th scope="col">{t('admin.state')}</th>
                        <th scope="col">{t('admin.usage')}</th>
                        {admin && <th scope="col">{t('admin.actions')}</th>}
                      </tr>
                    </thead>
                    <tbody>
                      {d.apiKeys.map((key) => <KeyRow key={key.id} apiKey={key} admin={admin} onDone={done} />)}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
            {admin && (
              <CreateKeyForm agencies={d.agencies.nodes}
                onCreated={(name, key) => { setIssued({ name, key }); setNotice(null); reload(); }}
                onDone={done} />
            )}
          </>
        )}
      </QueryState>
    </div>
  );
}

function KeyRow({ apiKey, admin, onDone }: { apiKey: ApiKey; admin: boolean; onDone: (notice: Notice) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const localName = useLocalName();
  const [, revoke] = useMutation(RevokeApiKey);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const name = apiKey.name;

  const doRevoke = async () => {
    setBusy(true);
    try {
      const r = await revoke({ id: apiKey.id });
      const errors = r.data?.revokeApiKey.errors ?? [];
      if (r.error || errors.length) {
        onDone({ kind: 'error', text: r.error?.message ?? errorText(errors) });
      } else {
        onDone({ kind: 'ok', text: t('admin.revokedDone', { name }) });
      }
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <tr data-key-id={apiKey.id}>
      <td>
        <strong>{name}</strong>
        <div className="meta">
          <span><code>{apiKey.prefix}…</code></span>
          {apiKey.agency && <span>{localName(apiKey.agency)}</span>}
        </div>
      </td>
      <td>{t(`role.${apiKey.role}`)}</td>
      <td>
        {apiKey.active ? <span className="badge badge-good">{t('admin.active')}</span>
          : apiKey.revokedAt ? <span className="badge badge-bad">{t('admin.revoked')}</span>
          : <span className="badge badge-off">{t('admin.expired')}</span>}
        {apiKey.revokedAt && <div className="meta"><span>{format.dateTime(apiKey.revokedAt)}</span></div>}
      </td>
      <td>
        <div className="meta column">
          <span>{t('admin.created')}: {format.dateTime(apiKey.createdAt)}</span>
          <span>{t('admin.lastUsed')}: {format.dateTime(apiKey.lastUsedAt) || t('admin.neverUsed')}</span>
          {apiKey.expiresAt && <span>{t('admin.expires')}: {format.dateTime(apiKey.expiresAt)}</span>}
        </div>
      </td>
      {admin && (
        <td>
          <div className="actions">
            {apiKey.revokedAt == null && !confirming && (
              <button type="button" className="button button-danger" disabled={busy} onClick={() => setConfirming(true)}
                aria-label={t('admin.revokeLabel', { name })}>{t('admin.revoke')}</button>
            )}
            {confirming && (
              <span className="confirm" role="group" aria-label={t('admin.confirmRevoke', { name })}>
                <span>{t('admin.confirmRevoke', { name })}</span>
                <button type="button" className="button button-danger" disabled={busy} onClick={() => void doRevoke()}>{t('admin.revokeYes')}</button>
                <button type="button" className="button" onClick={() => setConfirming(false)}>{t('common.cancel')}</button>
              </span>
            )}
          </div>
        </td>
      )}
    </tr>
  );
}

const KEY_FIELDS = ['name', 'role', 'agencyId', 'expiresAt'];

function CreateKeyForm({ agencies, onCreated, onDone }: {
  agencies: AgencyOption[];
  onCreated: (name: string, key: string) => void;
  onDone: (notice: Notice) => void;
}) {
  const { t } = useTranslation();
  const localName = useLocalName();
  const [, createKey] = useMutation(CreateApiKey);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('PARTNER');
  const [agencyId, setAgencyId] = useState('');
  const [expires, setExpires] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<UserError[]>([]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors([]);
    const r = await createKey({
      input: {
        name: name.trim(),
        role,
        agencyId: agencyId || undefined,
        expiresAt: expires ? new Date(`${expires}T23:59:59`).toISOString() : undefined,
      },
    });
    setBusy(false);
    const payload = r.data?.createApiKey;
    if (r.error || !payload) {
      onDone({ kind: 'error', text: r.error?.message ?? t('state.error') });
    } else if (payload.errors.length) {
      setErrors(payload.errors);
    } else if (payload.key) {
      onCreated(payload.apiKey?.name ?? name, payload.key);
      setName('');
      setExpires('');
    }
  };

  const { described, fieldErrors } = formErrors('new-key', errors);

  return (
    <section className="panel" aria-labelledby="create-key-title">
      <h2 id="create-key-title">{t('admin.createKey')}</h2>
      <form className="form" onSubmit={(e) => void submit(e)}>
        <label>
          {t('admin.keyName')}
          <input required value={name} onChange={(e) => setName(e.target.value)} maxLength={100} {...described('name')} />
          {fieldErrors('name')}
        </label>
        <div className="form-row">
          <label>
            {t('admin.role')}
            <select value={role} onChange={(e) => setRole(e.target.value as Role)} {...described('role')}>
              <option value="PARTNER">{t('role.PARTNER')}</option>
              <option value="STAFF">{t('role.STAFF')}</option>
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
          <label>
            {t('admin.expiresOptional')}
            <input type="date" value={expires} onChange={(e) => setExpires(e.target.value)} {...described('expiresAt')} />
            {fieldErrors('expiresAt')}
          </label>
        </div>
        <FieldErrors id="new-key-other-error" errors={otherErrors(errors, KEY_FIELDS)} />
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('admin.creating') : t('admin.createKeyButton')}
        </button>
      </form>
    </section>
  );
}
