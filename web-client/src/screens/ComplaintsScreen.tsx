import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../api/gql';
import type { ComplaintRowFragment, ComplaintStatus } from '../api/gql/graphql';
import { useCoalesced, useLiveStream } from '../api/LiveContext';
import { useSession } from '../api/SessionContext';
import { canWriteIssues } from '../api/session';
import { useFormat, useLocalName } from '../i18n/format';
import { QueryState } from '../components/States';

graphql(`
  fragment ComplaintRow on Complaint {
    id serviceName category description status statusNotes requestedAt address
    district { id name nameEn }
    agency { id name nameEn }
    issue { id title }
    duplicateOf { id }
    suggestedDuplicates { meters complaint { id description } }
    contact { firstName lastName email phone }
  }
`);

const ComplaintsDocument = graphql(`
  query Complaints($filter: ComplaintFilter, $after: String) {
    complaints(filter: $filter, first: 20, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { ...ComplaintRow }
    }
    agencies(first: 100) { nodes { id name nameEn } }
  }
`);

const ComplaintArrivedHere = graphql(`
  subscription ComplaintArrivedHere($after: Long) {
    complaintReceived(after: $after) { seq complaint { id } }
  }
`);

const Reply = graphql(`
  mutation ReplyToComplaint($input: ReplyToComplaintInput!) {
    replyToComplaint(input: $input) { complaint { ...ComplaintRow } errors { field code message } }
  }
`);
const Assign = graphql(`
  mutation AssignComplaint($input: AssignComplaintInput!) {
    assignComplaint(input: $input) { complaint { ...ComplaintRow } errors { field code message } }
  }
`);
const Merge = graphql(`
  mutation MergeComplaint($input: MergeComplaintInput!) {
    mergeComplaint(input: $input) { complaint { ...ComplaintRow } errors { field code message } }
  }
`);
const OpenIssue = graphql(`
  mutation OpenIssueFromComplaints($input: OpenIssueFromComplaintsInput!) {
    openIssueFromComplaints(input: $input) { issue { id title } errors { field code message } }
  }
`);

const STATUSES: ComplaintStatus[] = ['OPEN', 'IN_PROGRESS', 'CLOSED'] as ComplaintStatus[];

/** Staff triage of citizens' complaints: newest first, live; reply, assign, merge duplicates, open an issue. */
export function ComplaintsScreen() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<string>('');
  const [withoutIssue, setWithoutIssue] = useState(false);
  const [after, setAfter] = useState<string | null>(null);
  const filter = { statuses: status ? [status as ComplaintStatus] : null, withoutIssue: withoutIssue || null };
  const [result, reexecute] = useQuery({ query: ComplaintsDocument, variables: { filter, after } });
  const refetch = useCoalesced(() => reexecute({ requestPolicy: 'network-only' }), 1000);
  useLiveStream(ComplaintArrivedHere, {}, (d) => d.complaintReceived.seq, refetch);

  return (
    <div className="screen complaints">
      <h1>{t('complaints.title')}</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>{t('complaints.status')}{' '}
          <select value={status} onChange={(e) => { setStatus(e.target.value); setAfter(null); }}>
            <option value="">{t('complaints.anyStatus')}</option>
            {STATUSES.map((s) => <option key={s} value={s}>{t(`complaintStatus.${s}`)}</option>)}
          </select>
        </label>
        <label><input type="checkbox" checked={withoutIssue} onChange={(e) => { setWithoutIssue(e.target.checked); setAfter(null); }} />
          {' '}{t('complaints.withoutIssue')}</label>
      </form>
      <QueryState result={result} retry={() => reexecute({ requestPolicy: 'network-only' })}>
        {(d) => (
          <>
            <p className="muted" data-testid="complaint-total">{t('complaints.total', { count: d.complaints.totalCount })}</p>
            <ul className="complaint-list">
              {d.complaints.nodes.map((c) => (
                <ComplaintItem key={c.id} complaint={c} agencies={d.agencies.nodes} />
              ))}
            </ul>
            {d.complaints.pageInfo.hasNextPage && (
              <button type="button" className="button" onClick={() => setAfter(d.complaints.pageInfo.endCursor ?? null)}>
                {t('complaints.more')}</button>
            )}
            {after && <button type="button" className="button button-quiet" onClick={() => setAfter(null)}>{t('complaints.newest')}</button>}
          </>
        )}
      </QueryState>
    </div>
  );
}

function ComplaintItem({ complaint: c, agencies }: { complaint: ComplaintRowFragment; agencies: { id: string; name: string; nameEn?: string | null }[] }) {
  const { t } = useTranslation();
  const { viewer } = useSession();
  const format = useFormat();
  const localName = useLocalName();
  const staff = canWriteIssues(viewer);
  const [notes, setNotes] = useState('');
  const [next, setNext] = useState<ComplaintStatus>('IN_PROGRESS' as ComplaintStatus);
  const [message, setMessage] = useState<string | null>(null);
  const [, reply] = useMutation(Reply);
  const [, assign] = useMutation(Assign);
  const [, merge] = useMutation(Merge);
  const [, openIssue] = useMutation(OpenIssue);
  const [openedIssue, setOpenedIssue] = useState<{ id: string; title: string } | null>(null);

  const refused = (errors: { message: string }[] | undefined, error?: { message: string }) =>
    setMessage(errors?.[0]?.message ?? error?.message ?? null);

  const sendReply = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await reply({ input: { id: c.id, status: next, notes } });
    refused(answer.data?.replyToComplaint.errors, answer.error);
    if (answer.data?.replyToComplaint.complaint) {
      setNotes('');
      setMessage(t('complaints.replied'));
    }
  };

  return (
    <li className="complaint" data-testid="complaint" data-id={c.id}>
      <div className="complaint-head">
        <strong>{c.serviceName}</strong> · {t(`category.${c.category}`)} ·{' '}
        <span className={`badge complaint-${c.status.toLowerCase()}`}>{t(`complaintStatus.${c.status}`)}</span>{' '}
        <time dateTime={c.requestedAt}>{format.relative(c.requestedAt)}</time>
      </div>
      <p>{c.description}</p>
      <p className="muted">
        {c.district ? <Link to={`/districts/${c.district.id}`}>{localName(c.district)}</Link> : t('complaints.unplaced')}
        {c.address ? ` · ${c.address}` : ''} · {t('complaints.agency')}: {c.agency ? localName(c.agency) : '-'}
        {c.issue && <> · <Link to={`/issues/${c.issue.id}`}>{c.issue.title}</Link></>}
        {c.duplicateOf && <> · {t('complaints.duplicateOf', { id: c.duplicateOf.id })}</>}
      </p>
      {c.statusNotes && <p className="status-notes">{t('complaints.reply')}: {c.statusNotes}</p>}
      {c.contact && (
        <p className="contact" data-testid="contact">{t('complaints.contact')}: {[c.contact.lastName, c.contact.firstName].filter(Boolean).join(' ')}
          {c.contact.email ? ` · ${c.contact.email}` : ''}{c.contact.phone ? ` · ${c.contact.phone}` : ''}</p>
      )}
      {staff && (
        <div className="triage">
          {c.suggestedDuplicates.length > 0 && !c.duplicateOf && (
            <div className="duplicates">
              {t('complaints.maybeDuplicate')}
              {c.suggestedDuplicates.map((s) => (
                <button key={s.complaint.id} type="button" className="button button-quiet" title={s.complaint.description}
                  onClick={async () => {
                    const answer = await merge({ input: { id: c.id, intoId: s.complaint.id } });
                    refused(answer.data?.mergeComplaint.errors, answer.error);
                  }}>
                  {t('complaints.mergeInto', { meters: Math.round(s.meters) })}
                </button>
              ))}
            </div>
          )}
          <form onSubmit={sendReply} className="reply-form">
            <label className="visually-hidden" htmlFor={`notes-${c.id}`}>{t('complaints.reply')}</label>
            <input id={`notes-${c.id}`} value={notes} onChange={(e) => setNotes(e.target.value)} placeholder={t('complaints.replyPlaceholder')} />
            <select aria-label={t('complaints.status')} value={next} onChange={(e) => setNext(e.target.value as ComplaintStatus)}>
              {STATUSES.map((s) => <option key={s} value={s}>{t(`complaintStatus.${s}`)}</option>)}
            </select>
            <button type="submit" className="button">{t('complaints.send')}</button>
          </form>
          <label>{t('complaints.assign')}{' '}
            <select aria-label={t('complaints.assign')} value={c.agency?.id ?? ''} onChange={async (e) => {
              const answer = await assign({ input: { id: c.id, agencyId: e.target.value } });
              refused(answer.data?.assignComplaint.errors, answer.error);
            }}>
              {agencies.map((a) => <option key={a.id} value={a.id}>{localName(a)}</option>)}
            </select>
          </label>
          {!c.issue && (
            <button type="button" className="button" onClick={async () => {
              const answer = await openIssue({ input: { ids: [c.id] } });
              refused(answer.data?.openIssueFromComplaints.errors, answer.error);
              if (answer.data?.openIssueFromComplaints.issue) {
                setOpenedIssue(answer.data.openIssueFromComplaints.issue);
              }
            }}>{t('complaints.openIssue')}</button>
          )}
          {openedIssue && <Link to={`/issues/${openedIssue.id}`}>{openedIssue.title}</Link>}
          {message && <p role="status">{message}</p>}
        </div>
      )}
    </li>
  );
}
