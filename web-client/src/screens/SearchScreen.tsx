import { useSearchParams, Link } from 'react-router';
import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../api/gql';
import type { SearchQuery, SearchType } from '../api/gql/graphql';
import { useFormat, useLocalName } from '../i18n/format';
import { SeverityBadge, StatusBadge } from '../components/Badges';
import { Empty, QueryState } from '../components/States';

const SearchDocument = graphql(`
  query Search($text: String!, $types: [SearchType!], $first: Int) {
    search(text: $text, types: $types, first: $first) {
      totalCount
      pageInfo { hasNextPage }
      edges {
        score
        node {
          __typename
          ... on District { id name nameEn level }
          ... on Agency { id name nameEn kind }
          ... on Issue { id title severity status }
          ... on NewsItem { id title source publishedAt link }
          ... on Dataset { id title }
        }
      }
    }
  }
`);

const TYPES: SearchType[] = ['DISTRICT', 'AGENCY', 'ISSUE', 'NEWS_ITEM', 'DATASET'];
type Node = SearchQuery['search']['edges'][number]['node'];

/** Korean-aware search across districts, agencies, issues, news and datasets. */
export function SearchScreen() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const text = params.get('q')?.trim() ?? '';
  const type = params.get('type') as SearchType | null;
  const first = Number(params.get('n') ?? 20);
  const [result, reexecute] = useQuery({
    query: SearchDocument,
    variables: { text, types: type ? [type] : undefined, first },
    pause: !text,
  });
  const setParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) {
      next.set(key, value);
    } else {
      next.delete(key);
    }
    if (key !== 'n') {
      next.delete('n');
    }
    setParams(next, { replace: true });
  };

  return (
    <div className="screen search">
      <h1>{text ? t('search.titleFor', { text }) : t('search.title')}</h1>
      <div className="chips type-filter" role="group" aria-label={t('search.types')}>
        <button type="button" className={`chip${type ? '' : ' selected'}`} aria-pressed={!type} onClick={() => setParam('type', null)}>
          {t('common.all')}
        </button>
        {TYPES.map((x) => (
          <button key={x} type="button" className={`chip${type === x ? ' selected' : ''}`} aria-pressed={type === x}
            onClick={() => setParam('type', x)}>{t(`searchType.${x}`)}</button>
        ))}
      </div>
      {!text ? <Empty>{t('search.prompt')}</Empty> : (
        <QueryState result={result} retry={() => reexecute({ requestPolicy: 'network-only' })}
          isEmpty={(d) => d.search.edges.length === 0}>
          {(d) => (
            <section className="panel" aria-label={t('search.results', { count: d.search.totalCount })}>
              <p className="muted" aria-live="polite">{t('search.results', { count: d.search.totalCount })}</p>
              <ol className="search-results">
                {d.search.edges.map((edge) => <SearchHit key={`${edge.node.__typename}-${'id' in edge.node ? edge.node.id : ''}`} node={edge.node} />)}
              </ol>
              {d.search.pageInfo.hasNextPage && first < 100 && (
                <button type="button" className="button" onClick={() => setParam('n', String(Math.min(100, first + 20)))}>
                  {t('common.loadMore')}
                </button>
              )}
            </section>
          )}
        </QueryState>
      )}
    </div>
  );
}

function SearchHit({ node }: { node: Node }) {
  const { t } = useTranslation();
  const format = useFormat();
  const localName = useLocalName();
  const tag = <span className="type-tag">{t(`type.${node.__typename}`)}</span>;
  switch (node.__typename) {
    case 'District':
      return <li className="search-hit">{tag} <Link to={`/districts/${node.id}`}>{localName(node)}</Link> <span className="muted">{t(`level.${node.level}`)}</span></li>;
    case 'Agency':
      return <li className="search-hit">{tag} <Link to={`/news?agency=${node.id}`}>{localName(node)}</Link> <span className="muted">{t(`agencyKind.${node.kind}`)}</span></li>;
    case 'Issue':
      return <li className="search-hit">{tag} <SeverityBadge severity={node.severity} /> <StatusBadge status={node.status} /> <Link to={`/issues/${node.id}`}>{node.title}</Link></li>;
    case 'NewsItem':
      return (
        <li className="search-hit">
          {tag} {node.link ? <a href={node.link} target="_blank" rel="noopener noreferrer">{node.title}</a> : node.title}
          <span className="muted"> · {node.source} · {format.date(node.publishedAt)}</span>
        </li>
      );
    case 'Dataset':
      return <li className="search-hit">{tag} <Link to={`/datasets/${node.id}`}>{node.title}</Link></li>;
    default:
      return null;
  }
}
