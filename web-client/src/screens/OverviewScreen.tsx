import { useMemo } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../api/gql';
import type { IssueCountsFragment } from '../api/gql/graphql';
import { useCoalesced, useIssueEvents, useLive } from '../api/LiveContext';
import { useSession } from '../api/SessionContext';
import { canViewFeeds } from '../api/session';
import { Chart } from '../components/Chart';
import { IndicatorPanel } from '../components/IndicatorCharts';
import { DistrictMap } from '../components/DistrictMap';
import { IssueList } from '../components/IssueList';
import { NewsList } from '../components/NewsList';
import { ErrorState, Loading, QueryState } from '../components/States';
import { CATEGORIES, SEVERITIES, SEVERITY_COLOURS } from '../components/Badges';
import { FeedHealthSummary } from './admin/FeedHealthSummary';
import { ComplaintPulse } from '../components/ComplaintPulse';

graphql(`
  fragment IssueCounts on IssueCount { key label count }
`);

const OverviewQuery = graphql(`
  query Overview {
    bySeverity: issueCounts(by: SEVERITY, filter: { openOnly: true }) { ...IssueCounts }
    byCategory: issueCounts(by: CATEGORY, filter: { openOnly: true }) { ...IssueCounts }
    byDistrict: issueCounts(by: DISTRICT, filter: { openOnly: true }) { ...IssueCounts }
    districts(first: 100) { nodes { id name nameEn level latitude longitude } }
    openIssues: issues(first: 8, filter: { openOnly: true }, orderBy: { field: SEVERITY, direction: DESC }) {
      totalCount
      nodes { ...IssueRow }
    }
  }
`);

const TickerQuery = graphql(`
  query NewsTicker {
    news(first: 10) { nodes { ...NewsRow } }
  }
`);

function countMap(counts: IssueCountsFragment[]): Map<string, number> {
  return new Map(counts.map((c) => [c.key, c.count]));
}

/** The situation room: open issues by severity, category and district, live news, feed health. */
export function OverviewScreen() {
  const { t } = useTranslation();
  const { viewer } = useSession();
  const [result, reexecute] = useQuery({ query: OverviewQuery });
  const refetch = useCoalesced(() => reexecute({ requestPolicy: 'network-only' }));
  useIssueEvents(refetch);

  const data = result.data;
  const severityCounts = useMemo(() => countMap(data?.bySeverity ?? []), [data]);
  const categoryCounts = useMemo(() => countMap(data?.byCategory ?? []), [data]);
  const districtCounts = useMemo(() => countMap(data?.byDistrict ?? []), [data]);
  const severityOption = useMemo(() => ({
    grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: SEVERITIES.map((s) => t(`severity.${s}`)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{
      type: 'bar',
      name: t('overview.openIssues'),
      data: SEVERITIES.map((s) => ({ value: severityCounts.get(s) ?? 0, itemStyle: { color: SEVERITY_COLOURS[s] } })),
      label: { show: true, position: 'top' },
    }],
  }), [severityCounts, t]);
  const categories = useMemo(
    () => CATEGORIES.filter((c) => (categoryCounts.get(c) ?? 0) > 0).sort((a, b) => (categoryCounts.get(a) ?? 0) - (categoryCounts.get(b) ?? 0)),
    [categoryCounts],
  );
  const categoryOption = useMemo(() => ({
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: categories.map((c) => t(`category.${c}`)) },
    series: [{
      type: 'bar',
      name: t('overview.openIssues'),
      data: categories.map((c) => categoryCounts.get(c) ?? 0),
      itemStyle: { color: '#2b5797' },
      label: { show: true, position: 'right' },
    }],
  }), [categories, categoryCounts, t]);

  return (
    <div className="screen overview">
      <h1>{t('overview.title')}</h1>
      <QueryState result={result} retry={() => reexecute({ requestPolicy: 'network-only' })}>
        {(d) => (
          <>
            <section className="kpis" aria-label={t('overview.summary')}>
              <Link className="kpi" to="/issues?open=1">
                <span className="kpi-value" data-testid="open-issues">{d.openIssues.totalCount}</span>
                <span className="kpi-label">{t('overview.openIssues')}</span>
              </Link>
              {SEVERITIES.map((s) => (
                <Link key={s} className={`kpi kpi-${s.toLowerCase()}`} to={`/issues?open=1&minSeverity=${s}`}>
                  <span className="kpi-value">{severityCounts.get(s) ?? 0}</span>
                  <span className="kpi-label">{t(`severity.${s}`)}</span>
                </Link>
              ))}
            </section>
            <div className="overview-columns">
              <div className="column">
                <section className="panel" aria-labelledby="map-title">
                  <h2 id="map-title">{t('overview.map')}</h2>
                  <DistrictMap districts={d.districts.nodes} counts={districtCounts} />
                </section>
                <section className="panel" aria-labelledby="complaints-title">
                  <h2 id="complaints-title">{t('complaints.overviewTitle')}</h2>
                  <ComplaintPulse />
                  <Link to="/complaints" className="more">{t('complaints.all')}</Link>
                </section>
                <section className="panel" aria-labelledby="ticker-title">
                  <h2 id="ticker-title">{t('overview.ticker')}</h2>
                  <NewsTicker />
                </section>
                <IndicatorPanel headingId="overview-indicators" />
              </div>
              <div className="column">
                <section className="panel" aria-labelledby="severity-title">
                  <h2 id="severity-title">{t('overview.bySeverity')}</h2>
                  <Chart option={severityOption} label={t('overview.bySeverityChart', {
                    values: SEVERITIES.map((s) => `${t(`severity.${s}`)} ${severityCounts.get(s) ?? 0}`).join(', '),
                  })} />
                  <h2 id="category-title">{t('overview.byCategory')}</h2>
                  {categories.length === 0 ? <p className="muted">{t('issues.none')}</p> : (
                    <Chart option={categoryOption} height={Math.max(160, categories.length * 28)}
                      label={t('overview.byCategoryChart', {
                        values: categories.map((c) => `${t(`category.${c}`)} ${categoryCounts.get(c) ?? 0}`).join(', '),
                      })} />
                  )}
                </section>
                <section className="panel" aria-labelledby="top-issues-title">
                  <h2 id="top-issues-title">{t('overview.topIssues')}</h2>
                  <IssueList issues={d.openIssues.nodes} />
                  <Link to="/issues?open=1" className="more">{t('overview.allIssues')}</Link>
                </section>
                <section className="panel" aria-labelledby="feeds-title">
                  <h2 id="feeds-title">{t('overview.feeds')}</h2>
                  {canViewFeeds(viewer) ? <FeedHealthSummary /> : <p className="muted">{t('overview.feedsStaffOnly')}</p>}
                </section>
              </div>
            </div>
          </>
        )}
      </QueryState>
    </div>
  );
}

/** The latest news, with items that arrive while the page is open added on top as they come. */
function NewsTicker() {
  const { t } = useTranslation();
  const [result, reexecute] = useQuery({ query: TickerQuery });
  const { recentNews } = useLive();
  const items = useMemo(() => {
    const live = recentNews.map((e) => e.item);
    const seen = new Set(live.map((i) => i.id));
    return [...live, ...(result.data?.news.nodes ?? []).filter((i) => !seen.has(i.id))].slice(0, 12);
  }, [recentNews, result.data]);
  const fresh = useMemo(() => new Set(recentNews.map((e) => e.item.id)), [recentNews]);
  if (!result.data && result.error) {
    return <ErrorState error={result.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />;
  }
  if (!result.data) {
    return <Loading />;
  }
  return (
    <div className="ticker" aria-live="polite" aria-relevant="additions">
      <NewsList items={items} fresh={fresh} compact emptyText={t('news.none')} />
      <Link to="/news" className="more">{t('overview.allNews')}</Link>
    </div>
  );
}
