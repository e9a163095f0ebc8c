import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useMutation, useQuery, useClient } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../api/gql';
import type { AdminFeedsQuery } from '../../api/gql/graphql';
import type { UserError } from '../../api/errors';
import { useSession } from '../../api/SessionContext';
import { canManageFeeds, canViewFeeds } from '../../api/session';
import { useFormat, useLocalName } from '../../i18n/format';
import { ErrorState, QueryState } from '../../components/States';
import { LoginNeeded } from '../LoginScreen';
import { AdminTabs, NoticeBar, errorText, type Notice } from './adminShared';

const AdminFeeds = graphql(`
  query AdminFeeds {
    feeds(first: 100) {
      totalCount
      nodes {
        id url title language pollIntervalSeconds enabled healthy itemCount
        lastFetchAt lastSuccessAt consecutiveErrors nextPollAt createdAt
        publisher { id name nameEn }
        lastError { at kind message }
        recentErrors(first: 5) { at kind message }
      }
    }
    agencies(first: 100) { nodes { id name nameEn } }
  }
`);

const AddFeed = graphql(`
  mutation AddFeed($input: AddFeedInput!) {
    addFeed(input: $input) { feed { id title itemCount } errors { field code message } }
  }
`);

const UpdateFeed = graphql(`
  mutation UpdateFeed($input: UpdateFeedInput!) {
    updateFeed(input: $input) { feed { id enabled healthy } errors { field code message } }
  }
`);

const RemoveFeed = graphql(`
  mutation RemoveFeed($id: ID!) {
    removeFeed(id: $id) { removedId errors { field code message } }
  }
`);

const RefreshFeed = graphql(`
  mutation RefreshFeed($id: ID!) {
    refreshFeed(id: $id) {
      feed { id healthy itemCount lastFetchAt consecutiveErrors }
      result { notModified entries created updated unchanged error { kind message } }
      errors { field code message }
    }
  }
`);

const ImportOpml = graphql(`
  mutation ImportOpml($opml: String!) {
    importOpml(opml: $opml) { added entries { url status message } errors { field code message } }
  }
`);

const FeedsOpml = graphql(`
  query FeedsOpml { feedsOpml }
`);

type Feed = AdminFeedsQuery['feeds']['nodes'][number];

/** The admin's page of news feeds: health, add, refresh, enable or disable, remove, OPML in and out. */
export function AdminFeedsScreen() {
  const { t } = useTranslation();
  const { viewer } = useSession();
  const [result, reexecute] = useQuery({ query: AdminFeeds, pause: !canViewFeeds(viewer) });
  const [notice, setNotice] = useState<Notice | null>(null);
  const reload = () => reexecute({ requestPolicy: 'network-only' });

  if (!canViewFeeds(viewer)) {
    return <LoginNeeded role="STAFF" />;
  }
  const admin = canManageFeeds(viewer);
  return (
    <div className="screen admin">
      <AdminTabs />
      <h1>{t('admin.feedsTitle')}</h1>
      <NoticeBar notice={notice} onDismiss={() => setNotice(null)} />
      <QueryState result={result} retry={reload}>
        {(d) => (
          <>
            <section className="panel" aria-labelledby="feed-list-title">
              <h2 id="feed-list-title">{t('admin.feedList', { count: d.feeds.totalCount })}</h2>
              {d.feeds.nodes.length === 0 ? <p className="muted">{t('admin.noFeeds')}</p> : (
                <div className="table-wrap">
                  <table className="table feeds-table">
                    <thead>
                      <tr>
                        <th scope="col">{t('admin.feed')}</th>
                        <th scope="col">{t('admin.health')}</th>
                        <th scope="col">{t('admin.items')}</th>
                        <th scope="col">{t('admin.polling')}</th>
                        <th scope="col">{t('admin.actions')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {d.feeds.nodes.map((feed) => (
                        <FeedRow key={feed.id} feed={feed} admin={admin} onDone={(n) => { setNotice(n); reload(); }} />
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
            {admin && (
              <div className="grid grid-two">
                <AddFeedForm agencies={d.agencies.nodes} onDone={(n) => { setNotice(n); reload(); }} />
                <OpmlPanel onDone={(n) => { setNotice(n); reload(); }} />
              </div>
            )}
          </>
        )}
      </QueryState>
    </div>
  );
}

function FeedRow({ feed, admin, onDone }: { feed: Feed; admin: boolean; onDone: (notice: Notice) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const localName = useLocalName();
  const [, refresh] = useMutation(RefreshFeed);
  const [, update] = useMutation(UpdateFeed);
  const [, remove] = useMutation(RemoveFeed);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const name = feed.title ?? feed.url;

  const run = async (action: () => Promise<Notice>) => {
    setBusy(true);
    try {
      onDone(await action());
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  const doRefresh = () => run(async () => {
    const r = await refresh({ id: feed.id });
    const payload = r.data?.refreshFeed;
    if (r.error || !payload) {
      return { kind: 'error', text: r.error?.message ?? t('state.error') };
    }
    if (payload.errors.length) {
      return { kind: 'error', text: errorText(payload.errors) };
    }
    const found = payload.result;
    if (found?.error) {
      return { kind: 'error', text: t('admin.refreshFailed', { name, kind: found.error.kind, message: found.error.message }) };
    }
    return {
      kind: 'ok',
      text: found?.notModified ? t('admin.refreshNotModified', { name })
        : t('admin.refreshDone', { name, created: found?.created ?? 0, updated: found?.updated ?? 0, entries: found?.entries ?? 0 }),
    };
  });

  const doToggle = () => run(async () => {
    const r = await update({ input: { id: feed.id, enabled: !feed.enabled } });
    const errors = r.data?.updateFeed.errors ?? [];
    if (r.error || errors.length) {
      return { kind: 'error', text: r.error?.message ?? errorText(errors) };
    }
    return { kind: 'ok', text: t(feed.enabled ? 'admin.disabledDone' : 'admin.enabledDone', { name }) };
  });

  const doRemove = () => run(async () => {
    const r = await remove({ id: feed.id });
    const errors = r.data?.removeFeed.errors ?? [];
    if (r.error || errors.length) {
      return { kind: 'error', text: r.error?.message ?? errorText(errors) };
    }
    return { kind: 'ok', text: t('admin.removedDone', { name }) };
  });

  return (
    <tr data-feed-id={feed.id}>
      <td>
        <strong>{name}</strong>
        <div className="meta break"><span>{feed.url}</span></div>
        <div className="meta">
          {feed.publisher && <span>{localName(feed.publisher)}</span>}
          {feed.language && <span>{feed.language}</span>}
        </div>
      </td>
      <td>
        {!feed.enabled ? <span className="badge badge-off">{t('feeds.disabled')}</span>
          : feed.healthy ? <span className="badge badge-good">{t('admin.healthy')}</span>
          : <span className="badge badge-bad">{t('admin.failingBadge', { count: feed.consecutiveErrors })}</span>}
        {feed.lastError && <div className="meta"><span>{feed.lastError.kind}: {feed.lastError.message}</span></div>}
        {feed.recentErrors.length > 0 && (
          <details>
            <summary>{t('admin.recentErrors', { count: feed.recentErrors.length })}</summary>
            <ul className="plain-list small">
              {feed.recentErrors.map((e, i) => (
                <li key={i}>{format.dateTime(e.at)} · {e.kind} · {e.message}</li>
              ))}
            </ul>
          </details>
        )}
      </td>
      <td>{format.number(feed.itemCount)}</td>
      <td>
        <div className="meta column">
          <span>{t('admin.every', { minutes: Math.round(feed.pollIntervalSeconds / 60) })}</span>
          <span>{t('admin.lastSuccess')}: {format.dateTime(feed.lastSuccessAt) || t('feeds.never')}</span>
          {feed.enabled && <span>{t('admin.nextPoll')}: {format.dateTime(feed.nextPollAt)}</span>}
        </div>
      </td>
      <td className="actions">
        <button type="button" className="button" disabled={busy} onClick={() => void doRefresh()}
          aria-label={t('admin.refreshLabel', { name })}>{t('admin.refresh')}</button>
        {admin && (
          <button type="button" className="button" disabled={busy} onClick={() => void doToggle()}
            aria-label={t(feed.enabled ? 'admin.disableLabel' : 'admin.enableLabel', { name })}>
            {t(feed.enabled ? 'admin.disable' : 'admin.enable')}
          </button>
        )}
        {admin && !confirming && (
          <button type="button" className="button button-danger" disabled={busy} onClick={() => setConfirming(true)}
            aria-label={t('admin.removeLabel', { name })}>{t('admin.remove')}</button>
        )}
        {admin && confirming && (
          <span className="confirm" role="group" aria-label={t('admin.confirmRemove', { name })}>
            <span>{t('admin.confirmRemove', { name })}</span>
            <button type="button" className="button button-danger" disabled={busy} onClick={() => void doRemove()}>{t('admin.removeYes')}</button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>{t('common.cancel')}</button>
          </span>
        )}
      </td>
    </tr>
  );
}

function AddFeedForm({ agencies, onDone }: { agencies: { id: string; name: string; nameEn: string | null }[]; onDone: (notice: Notice) => void }) {
  const { t } = useTranslation();
  const localName = useLocalName();
  const [, addFeed] = useMutation(AddFeed);
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState('');
  const [language, setLanguage] = useState('ko');
  const [minutes, setMinutes] = useState(15);
  const [publisherId, setPublisherId] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<UserError[]>([]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors([]);
    const r = await addFeed({
      input: {
        url: url.trim(),
        title: title.trim() || undefined,
        language: language.trim() || undefined,
        pollIntervalSeconds: minutes * 60,
        publisherId: publisherId || undefined,
      },
    });
    setBusy(false);
    const payload = r.data?.addFeed;
    if (r.error || !payload) {
      onDone({ kind: 'error', text: r.error?.message ?? t('state.error') });
    } else if (payload.errors.length) {
      setErrors(payload.errors);
    } else {
      onDone({ kind: 'ok', text: t('admin.addedDone', { name: payload.feed?.title ?? url, count: payload.feed?.itemCount ?? 0 }) });
      setUrl('');
      setTitle('');
    }
  };

  return (
    <section className="panel" aria-labelledby="add-feed-title">
      <h2 id="add-feed-title">{t('admin.addFeed')}</h2>
      <form className="form" onSubmit={(e) => void submit(e)}>
        <label>
          {t('admin.url')}
          <input type="url" required value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://" />
        </label>
        <label>
          {t('admin.titleOptional')}
          <input value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <div className="form-row">
          <label>
            {t('admin.language')}
            <input value={language} onChange={(e) => setLanguage(e.target.value)} size={4} />
          </label>
          <label>
            {t('admin.intervalMinutes')}
            <input type="number" min={1} max={1440} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} />
          </label>
        </div>
        <label>
          {t('admin.publisher')}
          <select value={publisherId} onChange={(e) => setPublisherId(e.target.value)}>
            <option value="">{t('common.none')}</option>
            {agencies.map((a) => <option key={a.id} value={a.id}>{localName(a)}</option>)}
          </select>
        </label>
        {errors.length > 0 && (
          <div className="notice notice-error" role="alert">
            {errors.map((e) => <div key={e.code + e.field.join('.')}>{t(`feedError.${e.code}`, { defaultValue: e.message })} ({e.code})</div>)}
          </div>
        )}
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('admin.adding') : t('admin.add')}
        </button>
      </form>
    </section>
  );
}

function OpmlPanel({ onDone }: { onDone: (notice: Notice) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [, importOpml] = useMutation(ImportOpml);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<{ url: string; status: string; message: string | null }[]>([]);
  const [exportError, setExportError] = useState<string | null>(null);

  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) {
      setText(await file.text());
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const r = await importOpml({ opml: text });
    setBusy(false);
    const payload = r.data?.importOpml;
    if (r.error || !payload) {
      onDone({ kind: 'error', text: r.error?.message ?? t('state.error') });
    } else if (payload.errors.length) {
      onDone({ kind: 'error', text: errorText(payload.errors) });
    } else {
      setReport(payload.entries);
      onDone({ kind: 'ok', text: t('admin.importDone', { added: payload.added, total: payload.entries.length }) });
    }
  };

  const download = async () => {
    setExportError(null);
    const r = await client.query(FeedsOpml, {}, { requestPolicy: 'network-only' }).toPromise();
    if (!r.data) {
      setExportError(r.error?.message ?? t('state.error'));
      return;
    }
    const url = URL.createObjectURL(new Blob([r.data.feedsOpml], { type: 'text/x-opml' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'citygraph-feeds.opml';
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <section className="panel" aria-labelledby="opml-title">
      <h2 id="opml-title">{t('admin.opml')}</h2>
      <p>
        <button type="button" className="button" onClick={() => void download()}>{t('admin.exportOpml')}</button>
      </p>
      {exportError && <ErrorState error={exportError} />}
      <form className="form" onSubmit={(e) => void submit(e)}>
        <label>
          {t('admin.opmlFile')}
          <input type="file" accept=".opml,.xml,text/xml,text/x-opml" onChange={(e) => void readFile(e)} />
        </label>
        <label>
          {t('admin.opmlText')}
          <textarea rows={5} value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <button type="submit" className="button button-primary" disabled={busy || !text.trim()}>{t('admin.importOpml')}</button>
      </form>
      {report.length > 0 && (
        <ul className="plain-list small" aria-label={t('admin.importReport')}>
          {report.map((e) => (
            <li key={e.url}>{t(`opmlStatus.${e.status}`)} · {e.url}{e.message ? ` · ${e.message}` : ''}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
