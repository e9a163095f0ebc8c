import { lazy, Suspense, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../api/gql';
import type { IssueDetailQuery, IssueStatus } from '../api/gql/graphql';
import type { UserError } from '../api/errors';
import { useIssueEvents } from '../api/LiveContext';
import { useSession } from '../api/SessionContext';
import { canWriteIssues } from '../api/session';
import { useFormat, useLocalName } from '../i18n/format';
import { CategoryLabel, SeverityBadge, StatusBadge } from '../components/Badges';
import { NewsList } from '../components/NewsList';
import { NodePicker } from '../components/NodePicker';
import { Loading, NotFound, QueryState } from '../components/States';
import { IssueIndicators } from '../components/IndicatorCharts';

const IssueGraph = lazy(() => import('../components/IssueGraph'));

const IssueDetail = graphql(`
  query IssueDetail($id: ID!) {
    issue(id: $id) {
      id title summary category severity status visibility createdAt updatedAt resolvedAt allowedTransitions
      districts { id name nameEn }
      owner { id name nameEn }
      involvedAgencies { id name nameEn }
      relatedIssues { id title severity status relatedIssues { id title severity status } }
      datasets { id title updateFrequency publisher { id name nameEn } }
      news(first: 10) { totalCount nodes { ...NewsRow } }
      history { from to at by note }
    }
  }
`);

const ChangeStatus = graphql(`
  mutation ChangeIssueStatus($input: ChangeIssueStatusInput!) {
    changeIssueStatus(input: $input) { issue { id status allowedTransitions updatedAt } errors { field code message } }
  }
`);

const LinkIssue = graphql(`
  mutation LinkIssue($input: LinkIssueInput!) {
    linkIssue(input: $input) { issue { id updatedAt } errors { field code message } }
  }
`);

const UnlinkIssue = graphql(`
  mutation UnlinkIssue($input: LinkIssueInput!) {
    unlinkIssue(input: $input) { issue { id updatedAt } errors { field code message } }
  }
`);

type Issue = NonNullable<IssueDetailQuery['issue']>;

/** One issue: what, where, who, its history as a timeline, the evidence, the news, related issues. */
export function IssueScreen() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [result, reexecute] = useQuery({ query: IssueDetail, variables: { id } });
  const [liveNote, setLiveNote] = useState<string | null>(null);
  useIssueEvents((event) => {
    const touches = event.issue.id === id || event.targetIds.includes(id);
    if (touches) {
      reexecute({ requestPolicy: 'network-only' });
      if (event.issue.id === id) {
        setLiveNote(t('issue.liveUpdated', { kind: t(`issueEvent.${event.kind}`) }));
      }
    }
  });
  return (
    <div className="screen issue">
      <QueryState result={result} retry={() => reexecute({ requestPolicy: 'network-only' })}>
        {(d) => d.issue ? <IssueView issue={d.issue} liveNote={liveNote} /> : <NotFound what={t('issue.notFound')} />}
      </QueryState>
    </div>
  );
}

function IssueView({ issue, liveNote }: { issue: Issue; liveNote: string | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const localName = useLocalName();
  const { viewer } = useSession();
  const staff = canWriteIssues(viewer);
  const [, unlink] = useMutation(UnlinkIssue);
  const [, link] = useMutation(LinkIssue);
  const [linkErrors, setLinkErrors] = useState<UserError[]>([]);
  const [linkBusy, setLinkBusy] = useState(false);

  const apply = async (run: () => Promise<{ error?: CombinedError; errors: UserError[] }>) => {
    setLinkBusy(true);
    setLinkErrors([]);
    const { error, errors } = await run();
    setLinkBusy(false);
    setLinkErrors(error ? [{ code: 'ERROR', message: error.message, field: [] }] : errors);
  };
  const addLink = (targetId: string) => apply(async () => {
    const r = await link({ input: { id: issue.id, targetIds: [targetId] } });
    return { error: r.error, errors: r.data?.linkIssue.errors ?? [] };
  });
  const removeLink = (targetId: string) => apply(async () => {
    const r = await unlink({ input: { id: issue.id, targetIds: [targetId] } });
    return { error: r.error, errors: r.data?.unlinkIssue.errors ?? [] };
  });
  const removeButton = (targetId: string, name: string) => staff && (
    <button type="button" className="button button-quiet button-small" disabled={linkBusy}
      onClick={() => void removeLink(targetId)} aria-label={t('link.removeLabel', { name })}>×</button>
  );
  const linked = new Set<string>([issue.id, ...issue.districts.map((x) => x.id), ...issue.involvedAgencies.map((x) => x.id),
    ...(issue.owner ? [issue.owner.id] : []), ...issue.datasets.map((x) => x.id), ...issue.relatedIssues.map((x) => x.id)]);

  return (
    <>
      <nav className="breadcrumbs" aria-label={t('nav.breadcrumbs')}>
        <Link to="/issues">{t('nav.issues')}</Link>
      </nav>
      <h1 className="issue-heading">{issue.title}</h1>
      <div className="issue-badges">
        <SeverityBadge severity={issue.severity} />
        <span data-testid="issue-status"><StatusBadge status={issue.status} /></span>
        <CategoryLabel category={issue.category} />
        <span className="badge badge-off">{t(`visibility.${issue.visibility}`)}</span>
      </div>
      <p className="live-note" role="status" aria-live="polite">{liveNote}</p>
      <dl className="facts">
        <dt>{t('issue.opened')}</dt><dd>{format.dateTime(issue.createdAt)}</dd>
        <dt>{t('issue.updated')}</dt><dd>{format.dateTime(issue.updatedAt)}</dd>
        {issue.resolvedAt && (<><dt>{t('issue.resolved')}</dt><dd>{format.dateTime(issue.resolvedAt)}</dd></>)}
        <dt>{t('issue.owner')}</dt><dd>{issue.owner ? localName(issue.owner) : '—'}</dd>
      </dl>
      <p className="issue-summary">{issue.summary}</p>

      <div className="grid grid-two">
        <section className="panel" aria-labelledby="timeline-title">
          <h2 id="timeline-title">{t('issue.timeline')}</h2>
          <ol className="timeline">
            {issue.history.map((change, i) => (
              <li key={`${change.at}-${i}`} className="timeline-entry">
                <time dateTime={change.at}>{format.dateTime(change.at)}</time>
                <div>
                  {change.from ? (
                    <>
                      <StatusBadge status={change.from} /> → <StatusBadge status={change.to} />
                    </>
                  ) : (
                    <>{t('issue.openedAs')} <StatusBadge status={change.to} /></>
                  )}
                  {change.by && <span className="muted"> · {change.by}</span>}
                </div>
                {change.note && <p className="timeline-note">{change.note}</p>}
              </li>
            ))}
          </ol>
          {staff && <StatusForm issue={issue} />}
        </section>

        <section className="panel" aria-labelledby="links-title">
          <h2 id="links-title">{t('issue.links')}</h2>
          <h3>{t('issue.districts')}</h3>
          {issue.districts.length === 0 ? <p className="muted">{t('common.noneFound')}</p> : (
            <ul className="chips">
              {issue.districts.map((x) => (
                <li key={x.id}><Link className="chip" to={`/districts/${x.id}`}>{localName(x)}</Link>{removeButton(x.id, localName(x))}</li>
              ))}
            </ul>
          )}
          <h3>{t('issue.agencies')}</h3>
          {issue.involvedAgencies.length === 0 ? <p className="muted">{t('common.noneFound')}</p> : (
            <ul className="chips">
              {issue.involvedAgencies.map((x) => (
                <li key={x.id}><Link className="chip" to={`/news?agency=${x.id}`}>{localName(x)}</Link>{removeButton(x.id, localName(x))}</li>
              ))}
            </ul>
          )}
          <h3>{t('issue.datasets')}</h3>
          {issue.datasets.length === 0 ? <p className="muted">{t('common.noneFound')}</p> : (
            <ul className="plain-list">
              {issue.datasets.map((x) => (
                <li key={x.id}>
                  <Link to={`/datasets/${x.id}`}>{x.title}</Link>
                  <span className="muted"> · {localName(x.publisher)} · {t(`frequency.${x.updateFrequency}`)}</span>
                  {removeButton(x.id, x.title)}
                </li>
              ))}
            </ul>
          )}
          {staff && (
            <div className="link-editor">
              <h3>{t('link.title')}</h3>
              <NodePicker types={['DISTRICT', 'AGENCY', 'DATASET', 'ISSUE']} exclude={linked} busy={linkBusy}
                label={t('link.title')} onPick={(targetId) => void addLink(targetId)} />
              {linkErrors.length > 0 && (
                <div className="notice notice-error" role="alert">{linkErrors.map((e) => e.message).join(' ')}</div>
              )}
            </div>
          )}
        </section>

        <IssueIndicators issueId={issue.id} />

        <section className="panel" aria-labelledby="related-title">
          <h2 id="related-title">{t('issue.related', { count: issue.relatedIssues.length })}</h2>
          {issue.relatedIssues.length === 0 ? <p className="muted">{t('issue.noRelated')}</p> : (
            <>
              <Suspense fallback={<Loading />}>
                <IssueGraph issue={issue} label={t('issue.graphLabel', { count: issue.relatedIssues.length })} />
              </Suspense>
              <ul className="plain-list">
                {issue.relatedIssues.map((x) => (
                  <li key={x.id}>
                    <SeverityBadge severity={x.severity} /> <StatusBadge status={x.status} />{' '}
                    <Link to={`/issues/${x.id}`}>{x.title}</Link>
                    {removeButton(x.id, x.title)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>

        <section className="panel" aria-labelledby="issue-news-title">
          <h2 id="issue-news-title">{t('issue.news', { count: issue.news.totalCount })}</h2>
          <NewsList items={issue.news.nodes} compact />
          {issue.news.totalCount > issue.news.nodes.length && (
            <Link className="more" to={`/news?issue=${issue.id}`}>{t('common.more')}</Link>
          )}
        </section>
      </div>
    </>
  );
}

function StatusForm({ issue }: { issue: Issue }) {
  const { t } = useTranslation();
  const [, changeStatus] = useMutation(ChangeStatus);
  const [to, setTo] = useState<IssueStatus | ''>('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<UserError[]>([]);
  const [busy, setBusy] = useState(false);
  if (issue.allowedTransitions.length === 0) {
    return null;
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!to) {
      return;
    }
    setBusy(true);
    setErrors([]);
    const r = await changeStatus({ input: { id: issue.id, to, note: note.trim() || undefined } });
    setBusy(false);
    const payloadErrors = r.data?.changeIssueStatus.errors ?? [];
    if (r.error) {
      setErrors([{ code: 'ERROR', message: r.error.message, field: [] }]);
    } else if (payloadErrors.length) {
      setErrors(payloadErrors);
    } else {
      setTo('');
      setNote('');
    }
  };
  return (
    <form className="form status-form" onSubmit={(e) => void submit(e)}>
      <fieldset>
        <legend>{t('issue.changeStatus')}</legend>
        <div className="radio-row">
          {issue.allowedTransitions.map((s) => (
            <label key={s} className="radio">
              <input type="radio" name="to" value={s} checked={to === s} onChange={() => setTo(s)} />
              {t(`status.${s}`)}
            </label>
          ))}
        </div>
        <label>
          {t('issue.note')}
          <textarea rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        {errors.length > 0 && (
          <div className="notice notice-error" role="alert">
            {errors.map((e) => <div key={e.code}>{e.code === 'ILLEGAL_TRANSITION' ? t('issue.illegal') : e.message}</div>)}
          </div>
        )}
        <button type="submit" className="button button-primary" disabled={!to || busy}>{t('issue.apply')}</button>
      </fieldset>
    </form>
  );
}
