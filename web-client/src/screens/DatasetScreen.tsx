import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../api/gql';
import { useLiveStream } from '../api/LiveContext';
import { useFormat, useLocalName } from '../i18n/format';
import { AccessBadge, SeverityBadge, StatusBadge } from '../components/Badges';
import { NotFound, QueryState } from '../components/States';

const DatasetDetail = graphql(`
  query DatasetDetail($id: ID!) {
    dataset(id: $id) {
      id title description themes keywords temporalStart temporalEnd updateFrequency license
      distributionUrl mediaType modifiedAt accessLevel
      publisher { id name nameEn homepage }
      districts { id name nameEn }
      issues { id title severity status }
    }
  }
`);

export const DatasetChanges = graphql(`
  subscription DatasetChanges($after: Long) {
    datasetUpdated(after: $after) { seq kind dataset { id } }
  }
`);

/** One dataset with its DCAT fields, the districts it covers and the issues it is evidence for. */
export function DatasetScreen() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const localName = useLocalName();
  const [result, reexecute] = useQuery({ query: DatasetDetail, variables: { id } });
  useLiveStream(DatasetChanges, {}, (data) => data.datasetUpdated.seq, (data) => {
    if (data.datasetUpdated.dataset.id === id) {
      reexecute({ requestPolicy: 'network-only' });
    }
  });

  return (
    <div className="screen dataset">
      <QueryState result={result} retry={() => reexecute({ requestPolicy: 'network-only' })}>
        {(d) => {
          const ds = d.dataset;
          if (!ds) {
            return <NotFound what={t('datasets.notFound')} />;
          }
          const row = (label: string, term: string, value: React.ReactNode) => (
            <div className="dcat-row">
              <dt>{label} <code className="dcat-term">{term}</code></dt>
              <dd>{value || '—'}</dd>
            </div>
          );
          return (
            <>
              <nav className="breadcrumbs" aria-label={t('nav.breadcrumbs')}>
                <Link to="/datasets">{t('nav.datasets')}</Link>
              </nav>
              <h1>{ds.title}</h1>
              <div className="issue-badges"><AccessBadge level={ds.accessLevel} /></div>
              {ds.description && <p className="lead">{ds.description}</p>}
              <div className="grid grid-two">
                <section className="panel" aria-labelledby="dcat-title">
                  <h2 id="dcat-title">{t('datasets.dcat')}</h2>
                  <dl className="dcat">
                    {row(t('dcat.publisher'), 'dct:publisher', ds.publisher && (
                      ds.publisher.homepage
                        ? <a href={ds.publisher.homepage} rel="noopener noreferrer" target="_blank">{localName(ds.publisher)}</a>
                        : localName(ds.publisher)))}
                    {row(t('dcat.theme'), 'dcat:theme', ds.themes.join(', '))}
                    {row(t('dcat.keyword'), 'dcat:keyword', ds.keywords.join(', '))}
                    {row(t('dcat.temporal'), 'dct:temporal', ds.temporalStart
                      ? `${format.date(ds.temporalStart)} – ${ds.temporalEnd ? format.date(ds.temporalEnd) : t('dcat.ongoing')}` : '')}
                    {row(t('dcat.frequency'), 'dct:accrualPeriodicity', t(`frequency.${ds.updateFrequency}`))}
                    {row(t('dcat.modified'), 'dct:modified', format.dateTime(ds.modifiedAt))}
                    {row(t('dcat.license'), 'dct:license', ds.license)}
                    {row(t('dcat.access'), 'dct:accessRights', t(`access.${ds.accessLevel}`))}
                    {row(t('dcat.download'), 'dcat:downloadURL', ds.distributionUrl && (
                      <a href={ds.distributionUrl} rel="noopener noreferrer" target="_blank">{ds.distributionUrl}</a>))}
                    {row(t('dcat.mediaType'), 'dcat:mediaType', ds.mediaType)}
                    {row(t('dcat.spatial'), 'dct:spatial', ds.districts.length > 0 && (
                      <span className="inline-links">
                        {ds.districts.map((x) => <Link key={x.id} to={`/districts/${x.id}`}>{localName(x)}</Link>)}
                      </span>))}
                  </dl>
                </section>
                <section className="panel" aria-labelledby="dataset-issues">
                  <h2 id="dataset-issues">{t('datasets.issues', { count: ds.issues.length })}</h2>
                  {ds.issues.length === 0 ? <p className="muted">{t('issues.none')}</p> : (
                    <ul className="plain-list">
                      {ds.issues.map((x) => (
                        <li key={x.id}>
                          <SeverityBadge severity={x.severity} /> <StatusBadge status={x.status} />{' '}
                          <Link to={`/issues/${x.id}`}>{x.title}</Link>
                        </li>
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
