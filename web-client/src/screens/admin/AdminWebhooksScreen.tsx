import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../api/gql';
import type { AdminWebhooksQuery, WebhookAudience } from '../../api/gql/graphql';
import type { UserError } from '../../api/errors';
import { useSession } from '../../api/SessionContext';
import { canManageWebhooks } from '../../api/session';
import { useFormat, useLocalName } from '../../i18n/format';
import { QueryState } from '../../components/States';
import { LoginNeeded } from '../LoginScreen';
import { AdminTabs, FieldErrors, formErrors, NoticeBar, SecretOnce, errorText, otherErrors, type Notice } from './adminShared';

const AdminWebhooks = graphql(`
  query AdminWebhooks {
    webhooks(first: 100) {
      totalCount
      nodes {
        id url description audience enabled disabledReason backlog
        lastSuccessAt lastFailureAt lastFailure consecutiveFailures nextAttemptAt createdAt
        agency { id name nameEn }
        filter { kinds }
      }
    }
    agencies(first: 100) { nodes { id name nameEn } }
  }
`);

const CreateWebhook = graphql(`
  mutation CreateWebhook($input: CreateWebhookInput!) {
    createWebhook(input: $input) { webhook { id url } secret errors { field code message } }
  }
`);

const UpdateWebhook = graphql(`
  mutation UpdateWebhook($input: UpdateWebhookInput!) {
    updateWebhook(input: $input) { webhook { id enabled disabledReason } errors { field code message } }
  }
`);

const TestWebhook = graphql(`
  mutation TestWebhook($id: ID!) {
    testWebhook(id: $id) { ok status error milliseconds errors { field code message } }
  }
`);

const RemoveWebhook = graphql(`
  mutation RemoveWebhook($id: ID!) {
    removeWebhook(id: $id) { removedId errors { field code message } }
  }
`);

type Webhook = AdminWebhooksQuery['webhooks']['nodes'][number];
type AgencyOption = { id: string; name: string; nameEn: string | null };

/** Webhooks and their delivery state: admins manage all, partners their agency's. */
export function AdminWebhooksScreen() {
  const { t } = useTranslation();
  const { viewer } = useSession();
  const [result, reexecute] = useQuery({ query: AdminWebhooks, pause: !canManageWebhooks(viewer) });
  const [notice, setNotice] = useState<Notice | null>(null);
  const [issued, setIssued] = useState<{ url: string; secret: string } | null>(null);
  const reload = () => reexecute({ requestPolicy: 'network-only' });
  const done = (n: Notice) => {
    setNotice(n);
    reload();
  };

  if (!canManageWebhooks(viewer)) {
    return <LoginNeeded role="ADMIN" />;
  }
  return (
    <div className="screen admin">
      <AdminTabs />
      <h1>{t('admin.webhooksTitle')}</h1>
      <NoticeBar notice={notice} onDismiss={() => setNotice(null)} />
      {issued && (
        <SecretOnce title={t('admin.newSecret', { url: issued.url })} warning={t('admin.secretWarning')} value={issued.secret}
          onClose={() => setIssued(null)} />
      )}
      <QueryState result={result} retry={reload}>
        {(d) => (
          <>
            <section className="panel" aria-labelledby="webhook-list-title">
              <h2 id="webhook-list-title">{t('admin.webhookList', { count: d.webhooks.totalCount })}</h2>
              {d.webhooks.nodes.length === 0 ? <p className="muted">{t('admin.noWebhooks')}</p> : (
                <div className="table-wrap">
                  <table className="table webhooks-table">
                    <thead>
                      <tr>
                        <th scope="col">{t('admin.webhook')}</th>
                        <th scope="col">{t('admin.health')}</th>
                        <th scope="col">{t('admin.delivery')}</th>
                        <th scope="col">{t('admin.actions')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {d.webhooks.nodes.map((w) => <WebhookRow key={w.id} webhook={w} onDone={done} />)}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
            <CreateWebhookForm agencies={d.agencies.nodes} admin={viewer.role === 'ADMIN'}
              onCreated={(url, secret) => { setIssued({ url, secret }); setNotice(null); reload(); }}
              onDone={done} />
          </>
        )}
      </QueryState>
    </div>
  );
}

function WebhookRow({ webhook, onDone }: { webhook: Webhook; onDone: (notice: Notice) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const localName = useLocalName();
  const [, update] = useMutation(UpdateWebhook);
  const [, test] = useMutation(TestWebhook);
  const [, remove] = useMutation(RemoveWebhook);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const name = webhook.description || webhook.url;

  const run = async (action: () => Promise<Notice>) => {
    setBusy(true);
    try {
      onDone(await action());
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  const doToggle = () => run(async () => {
    const r = await update({ input: { id: webhook.id, enabled: !webhook.enabled } });
    const errors = r.data?.updateWebhook.errors ?? [];
    if (r.error || errors.length) {
      return { kind: 'error', text: r.error?.message ?? errorText(errors) };
    }
    return { kind: 'ok', text: t(webhook.enabled ? 'admin.disabledDone' : 'admin.webhookEnabledDone', { name }) };
  });

  const doTest = () => run(async () => {
    const r = await test({ id: webhook.id });
    const payload = r.data?.testWebhook;
    if (r.error || !payload) {
      return { kind: 'error', text: r.error?.message ?? t('state.error') };
    }
    if (payload.errors.length) {
      return { kind: 'error', text: errorText(payload.errors) };
    }
    return payload.ok
      ? { kind: 'ok', text: t('admin.testOk', { name, status: payload.status, ms: payload.milliseconds ?? 0 }) }
      : { kind: 'error', text: t('admin.testFailed', { name, reason: payload.error ?? (payload.status != null ? `HTTP ${payload.status}` : '') }) };
  });

  const doRemove = () => run(async () => {
    const r = await remove({ id: webhook.id });
    const errors = r.data?.removeWebhook.errors ?? [];
    if (r.error || errors.length) {
      return { kind: 'error', text: r.error?.message ?? errorText(errors) };
    }
    return { kind: 'ok', text: t('admin.webhookRemovedDone', { name }) };
  });

  return (
    <tr data-webhook-id={webhook.id}>
      <td>
        {webhook.description && <strong>{webhook.description}</strong>}
        <div className="meta break"><span>{webhook.url}</span></div>
        <div className="meta">
          <span>{t(`audience.${webhook.audience}`)}</span>
          {webhook.agency && <span>{localName(webhook.agency)}</span>}
          <span>{webhook.filter.kinds.length ? t('admin.kinds', { count: webhook.filter.kinds.length }) : t('admin.allEvents')}</span>
        </div>
      </td>
      <td>
        {!webhook.enabled ? <span className="badge badge-off">{t('admin.disabled')}</span>
          : webhook.consecutiveFailures === 0 ? <span className="badge badge-good">{t('admin.healthy')}</span>
          : <span className="badge badge-bad">{t('admin.failingBadge', { count: webhook.consecutiveFailures })}</span>}
        {webhook.disabledReason && <div className="meta"><span>{t('admin.disabledReason')}: {webhook.disabledReason}</span></div>}
        {webhook.lastFailure && (
          <div className="meta"><span>{t('admin.lastFailure')}: {format.dateTime(webhook.lastFailureAt)} · {webhook.lastFailure}</span></div>
        )}
      </td>
      <td>
        <div className="meta column">
          <span>{t('admin.lastSuccess')}: {format.dateTime(webhook.lastSuccessAt) || t('feeds.never')}</span>
          {webhook.enabled && webhook.nextAttemptAt && <span>{t('admin.nextAttempt')}: {format.dateTime(webhook.nextAttemptAt)}</span>}
          <span>{t('admin.backlog', { count: webhook.backlog })}</span>
          {webhook.createdAt && <span>{t('admin.created')}: {format.date(webhook.createdAt)}</span>}
        </div>
      </td>
      <td>
        <div className="actions">
          <button type="button" className="button" disabled={busy} onClick={() => void doTest()}
            aria-label={t('admin.testLabel', { name })}>{t('admin.test')}</button>
          <button type="button" className="button" disabled={busy} onClick={() => void doToggle()}
            aria-label={t(webhook.enabled ? 'admin.disableLabel' : 'admin.enableLabel', { name })}>
            {t(webhook.enabled ? 'admin.disable' : 'admin.enable')}
          </button>
          {!confirming && (
            <button type="button" className="button button-danger" disabled={busy} onClick={() => setConfirming(true)}
              aria-label={t('admin.removeLabel', { name })}>{t('admin.remove')}</button>
          )}
          {confirming && (
            <span className="confirm" role="group" aria-label={t('admin.confirmRemove', { name })}>
              <span>{t('admin.confirmRemove', { name })}</span>
              <button type="button" className="button button-danger" disabled={busy} onClick={() => void doRemove()}>{t('admin.removeYes')}</button>
              <button type="button" className="button" onClick={() => setConfirming(false)}>{t('common.cancel')}</button>
            </span>
          )}
        </div>
      </td>
    </tr>
  );
}

const WEBHOOK_FIELDS = ['url', 'description', 'audience', 'agencyId'];
const AUDIENCES: WebhookAudience[] = ['PUBLIC', 'PARTNER', 'STAFF'];

function CreateWebhookForm({ agencies, admin, onCreated, onDone }: {
  agencies: AgencyOption[];
  admin: boolean;
  onCreated: (url: string, secret: string) => void;
  onDone: (notice: Notice) => void;
}) {
  const { t } = useTranslation();
  const localName = useLocalName();
  const [, createWebhook] = useMutation(CreateWebhook);
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [audience, setAudience] = useState<WebhookAudience>('PUBLIC');
  const [agencyId, setAgencyId] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<UserError[]>([]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors([]);
    const r = await createWebhook({
      input: {
        url: url.trim(),
        description: description.trim() || undefined,
        // partners' webhooks are always their agency's: the hub fills both in
        audience: admin ? audience : undefined,
        agencyId: admin && audience === 'PARTNER' ? agencyId || undefined : undefined,
      },
    });
    setBusy(false);
    const payload = r.data?.createWebhook;
    if (r.error || !payload) {
      onDone({ kind: 'error', text: r.error?.message ?? t('state.error') });
    } else if (payload.errors.length) {
      setErrors(payload.errors);
    } else if (payload.secret) {
      onCreated(payload.webhook?.url ?? url, payload.secret);
      setUrl('');
      setDescription('');
    }
  };

  const { described, fieldErrors } = formErrors('new-webhook', errors);

  return (
    <section className="panel" aria-labelledby="create-webhook-title">
      <h2 id="create-webhook-title">{t('admin.createWebhook')}</h2>
      <form className="form" onSubmit={(e) => void submit(e)}>
        <label>
          {t('admin.webhookUrl')}
          <input type="url" required value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://" {...described('url')} />
          {fieldErrors('url')}
        </label>
        <label>
          {t('admin.description')}
          <input value={description} onChange={(e) => setDescription(e.target.value)} {...described('description')} />
          {fieldErrors('description')}
        </label>
        {admin && (
          <div className="form-row">
            <label>
              {t('admin.audience')}
              <select value={audience} onChange={(e) => setAudience(e.target.value as WebhookAudience)} {...described('audience')}>
                {AUDIENCES.map((a) => <option key={a} value={a}>{t(`audience.${a}`)}</option>)}
              </select>
              {fieldErrors('audience')}
            </label>
            {audience === 'PARTNER' && (
              <label>
                {t('admin.agency')}
                <select value={agencyId} onChange={(e) => setAgencyId(e.target.value)} {...described('agencyId')}>
                  <option value="">{t('common.none')}</option>
                  {agencies.map((a) => <option key={a.id} value={a.id}>{localName(a)}</option>)}
                </select>
                {fieldErrors('agencyId')}
              </label>
            )}
          </div>
        )}
        <p className="small muted">{t('admin.webhookFilterNote')}</p>
        <FieldErrors id="new-webhook-other-error" errors={otherErrors(errors, admin ? WEBHOOK_FIELDS : ['url', 'description'])} />
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('admin.creating') : t('admin.createWebhookButton')}
        </button>
      </form>
    </section>
  );
}
