import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../api/gql';
import { useCoalesced, useIssueEvents, useNewsEvents } from '../api/LiveContext';
import { useFormat, useLocalName } from '../i18n/format';
import { IssueList } from '../components/IssueList';
import { NewsList } from '../components/NewsList';
import { AccessBadge, SEVERITIES, SeverityBadge } from '../components/Badges';
import { NotFound, QueryState } from '../components/States';
import { IndicatorPanel } from '../components/IndicatorCharts';

const DistrictQuery = graphql(`
  query District($id: ID!) {
    district(id: $id) {
      id code name nameEn level population latitude longitude
      parent { id name nameEn }
      children { id name nameEn level population }
      issues(first: 20, orderBy: { field: UPDATED_AT, direction: DESC }) { totalCount nodes { ...IssueRow } }
      news(first: 10) { totalCount nodes { ...NewsRow } }
      datasets(first: 10) {
        totalCount
        nodes { id title updateFrequency accessLevel publisher { id name nameEn } }
      }
      agencies { id name nameEn kind }
    }
    open: issueCounts(by: SEVERITY, filter: { districtIds: [$id], openOnly: true }) { key count }
  }
`);

/** One district: its open issues, news, datasets, agencies and sub-districts, kept live. */
export function DistrictScreen() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const localName = useLocalName();
  const [result, reexecute] = useQuery({ query: DistrictQuery, variables: { id } });
  const refetch = useCoalesced(() => reexecute({ requestPolicy: 'network-only' }));
  useIssueEvents(refetch);
  useNewsEvents(refetch);
  const open = useMemo(() => new Map((result.data?.open ?? []).map((c) => [c.key, c.count])), [result.data]);

  return (
    <div className="screen district">
      <QueryState result={result} retry={() => reexecute({ requestPolicy: 'network-only' })}>
        {(d) => {
          const district = d.district;
          if (!district) {
            return <NotFound what={t('districts.notFound')} />;
          }
          return (
            <>
              <nav className="breadcrumbs" aria-label={t('nav.breadcrumbs')}>
                <Link to="/districts">{t('nav.districts')}</Link>
                {district.parent && (<> › <Link to={`/districts/${district.parent.id}`}>{localName(district.parent)}</Link></>)}
              </nav>
              <h1>{localName(district)}</h1>
              <dl className="facts">
                <dt>{t('districts.level')}</dt><dd>{t(`level.${district.level}`)}</dd>
                {district.code && (<><dt>{t('districts.code')}</dt><dd>{district.code}</dd></>)}
                {district.population != null && (<><dt>{t('districts.population')}</dt><dd>{format.number(district.population)}</dd></>)}
                {district.nameEn && (<><dt>{t('districts.romanized')}</dt><dd lang="en">{district.nameEn}</dd></>)}
                <dt>{t('districts.openIssues')}</dt>
                <dd className="severity-counts">
                  {SEVERITIES.map((s) => (
                    <span key={s}><SeverityBadge severity={s} /> {open.get(s) ?? 0}</span>
                  ))}
                </dd>
              </dl>
              <IndicatorPanel districtIds={[district.id]} headingId="district-indicators" />
              <div className="grid grid-two">
                <section className="panel" aria-labelledby="district-issues">
                  <h2 id="district-issues">{t('districts.issues', { count: district.issues.totalCount })}</h2>
                  <IssueList issues={district.issues.nodes} />
                  {district.issues.totalCount > district.issues.nodes.length && (
                    <Link className="more" to={`/issues?district=${district.id}`}>{t('common.more')}</Link>
                  )}
                </section>
                <section className="panel" aria-labelledby="district-news">
                  <h2 id="district-news">{t('districts.news', { count: district.news.totalCount })}</h2>
                  <NewsList items={district.news.nodes} compact />
                  <Link className="more" to={`/news?district=${district.id}`}>{t('common.more')}</Link>
                </section>
                <section className="panel" aria-labelledby="district-datasets">
                  <h2 id="district-datasets">{t('districts.datasets', { count: district.datasets.totalCount })}</h2>
                  {district.datasets.nodes.length === 0 ? <p className="muted">{t('datasets.none')}</p> : (
                    <ul className="plain-list">
                      {district.datasets.nodes.map((ds) => (
                        <li key={ds.id}>
                          <Link to={`/datasets/${ds.id}`}>{ds.title}</Link>{' '}
                          <AccessBadge level={ds.accessLevel} />
                          <span className="muted"> · {localName(ds.publisher)} · {t(`frequency.${ds.updateFrequency}`)}</span>
                        </li>
                      ))}
                    </ul>
                  )}
                  {district.datasets.totalCount > district.datasets.nodes.length && (
                    <Link className="more" to={`/datasets?district=${district.id}`}>{t('common.more')}</Link>
                  )}
                </section>
                <section className="panel" aria-labelledby="district-children">
                  <h2 id="district-children">{t('districts.children', { count: district.children.length })}</h2>
                  {district.children.length === 0 ? <p className="muted">{t('districts.noChildren')}</p> : (
                    <ul className="plain-list columns">
                      {district.children.map((child) => (
                        <li key={child.id}>
                          <Link to={`/districts/${child.id}`}>{localName(child)}</Link>
                          <span className="muted"> · {format.number(child.population)}</span>
                        </li>
                      ))}
                    </ul>
                  )}
                  <h2>{t('districts.agencies')}</h2>
                  {district.agencies.length === 0 ? <p className="muted">{t('common.noneFound')}</p> : (
                    <ul className="chips">
                      {district.agencies.map((a) => (
                        <li key={a.id}><Link className="chip" to={`/news?agency=${a.id}`}>{localName(a)}</Link></li>
                      ))}
                    </ul>
                  )}
                </section>
              </div>
            </>
          );
        }}
      </QueryState>
    </div>
  );
}
