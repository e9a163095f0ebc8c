import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { graphql } from '../api/gql';
import type { ComplaintPulseQuery } from '../api/gql/graphql';
import { useCoalesced, useLiveStream } from '../api/LiveContext';
import { useSession } from '../api/SessionContext';
import { canWriteIssues } from '../api/session';
import { useFormat, useLocalName } from '../i18n/format';
import { ErrorState, Loading } from './States';

const ComplaintPulseDocument = graphql(`
  query ComplaintPulse {
    today: complaintCounters(period: TODAY) { total counts { district { id name nameEn } category count } }
    week: complaintCounters(period: WEEK) { total counts { district { id name nameEn } category count } }
    risingComplaints { district { id name nameEn } category recent usual from to }
  }
`);

const ComplaintArrived = graphql(`
  subscription ComplaintArrived($after: Long) {
    complaintReceived(after: $after) { seq complaint { id } }
  }
`);

const OpenIssueFromRising = graphql(`
  mutation OpenIssueFromRising($input: OpenIssueFromRisingInput!) {
    openIssueFromRising(input: $input) { issue { id } errors { field code message } }
  }
`);

type Counts = ComplaintPulseQuery['today']['counts'];

/**
 * Citizens' complaints at a glance: today's and this week's counts by district and category, live,
 * and the rising signals, which staff turn into an issue with one button.
 */
export function ComplaintPulse() {
  const { t } = useTranslation();
  const { viewer } = useSession();
  const navigate = useNavigate();
  const format = useFormat();
  const localName = useLocalName();
  const [result, reexecute] = useQuery({ query: ComplaintPulseDocument });
  const refetch = useCoalesced(() => reexecute({ requestPolicy: 'network-only' }), 1500);
  useLiveStream(ComplaintArrived, {}, (d) => d.complaintReceived.seq, refetch);
  const [opening, openIssue] = useMutation(OpenIssueFromRising);
  const [refusal, setRefusal] = useState<string | null>(null);

  if (!result.data && result.error) {
    return <ErrorState error={result.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />;
  }
  if (!result.data) {
    return <Loading />;
  }
  const d = result.data;
  const open = async (districtId: string, category: string) => {
    setRefusal(null);
    const answer = await openIssue({ input: { districtId, category: category as never } });
    const payload = answer.data?.openIssueFromRising;
    if (payload?.issue) {
      navigate(`/issues/${payload.issue.id}`);
    } else {
      setRefusal(payload?.errors[0]?.message ?? answer.error?.message ?? t('state.error'));
    }
  };
  return (
    <div className="complaint-pulse">
      <div className="kpis">
        <div className="kpi"><span className="kpi-value" data-testid="complaints-today">{format.number(d.today.total)}</span>
          <span className="kpi-label">{t('complaints.today')}</span></div>
        <div className="kpi"><span className="kpi-value" data-testid="complaints-week">{format.number(d.week.total)}</span>
          <span className="kpi-label">{t('complaints.week')}</span></div>
      </div>
      <h3>{t('complaints.rising')}</h3>
      {d.risingComplaints.length === 0 ? <p className="muted">{t('complaints.noRising')}</p> : (
        <ul className="rising-list" data-testid="rising-signals">
          {d.risingComplaints.map((r) => (
            <li key={`${r.district.id}-${r.category}`} className="rising">
              <strong>{localName(r.district)}</strong> · {t(`category.${r.category}`)}{' '}
              <span>{t('complaints.risingDetail', { recent: r.recent, usual: r.usual.toFixed(1) })}</span>
              {canWriteIssues(viewer) && (
                <button type="button" className="button" disabled={opening.fetching}
                  onClick={() => void open(r.district.id, r.category)}>{t('complaints.openIssue')}</button>
              )}
            </li>
          ))}
        </ul>
      )}
      {refusal && <p role="alert" className="error">{refusal}</p>}
      <CountTable title={t('complaints.todayByDistrict')} counts={d.today.counts} />
      <CountTable title={t('complaints.weekByDistrict')} counts={d.week.counts} />
    </div>
  );
}

function CountTable({ title, counts }: { title: string; counts: Counts }) {
  const { t } = useTranslation();
  const localName = useLocalName();
  if (counts.length === 0) {
    return <p className="muted">{title}: {t('complaints.none')}</p>;
  }
  return (
    <table className="count-table">
      <caption>{title}</caption>
      <thead><tr><th scope="col">{t('complaints.district')}</th><th scope="col">{t('complaints.category')}</th>
        <th scope="col">{t('complaints.count')}</th></tr></thead>
      <tbody>
        {counts.slice(0, 8).map((c) => (
          <tr key={`${c.district?.id ?? 'none'}-${c.category}`}>
            <td>{c.district ? localName(c.district) : t('complaints.unplaced')}</td>
            <td>{t(`category.${c.category}`)}</td>
            <td>{c.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
