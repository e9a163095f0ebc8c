import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../api/gql';
import type { AccessLevel, DatasetFilter, UpdateFrequency } from '../api/gql/graphql';
import { useCoalesced, useLiveStream } from '../api/LiveContext';
import { useFormat, useLocalName } from '../i18n/format';
import { DatasetChanges } from './DatasetScreen';
import { AccessBadge } from '../components/Badges';
import { QueryState } from '../components/States';

const DatasetFacets = graphql(`
  query DatasetFacets($text: String, $districtIds: [ID!]) {
    datasets(filter: { text: $text, districtIds: $districtIds }, first: 100) {
      totalCount
      nodes { id themes keywords accessLevel updateFrequency publisher { id name nameEn } }
    }
  }
`);

const DatasetsQuery = graphql(`
  query Datasets($filter: DatasetFilter, $first: Int, $after: String) {
    datasets(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        id title description themes keywords accessLevel updateFrequency modifiedAt
        publisher { id name nameEn }
      }
    }
  }
`);

const PAGE = 20;

interface Facet {
  key: string;
  label: string;
  count: number;
}

/** Counts the values of one field over the datasets that match the words. */
function facet<T>(items: T[], values: (item: T) => { key: string; label: string }[]): Facet[] {
  const counts = new Map<string, Facet>();
  for (const item of items) {
    for (const value of values(item)) {
      const entry = counts.get(value.key) ?? { ...value, count: 0 };
      entry.count++;
      counts.set(value.key, entry);
    }
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

const FACETS = ['theme', 'keyword', 'publisher', 'access', 'frequency'] as const;
type FacetName = (typeof FACETS)[number];

/** The dataset catalog: words, facets (themes, keywords, publishers, access, frequency), results. */
export function DatasetsScreen() {
  const { t } = useTranslation();
  const format = useFormat();
  const localName = useLocalName();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const q = params.get('q') ?? undefined;
  const district = params.get('district') ?? undefined;
  const selected = (name: FacetName) => params.getAll(name);
  const filter = useMemo<DatasetFilter>(() => ({
    text: q,
    districtIds: district ? [district] : undefined,
    themes: params.getAll('theme').length ? params.getAll('theme') : undefined,
    keywords: params.getAll('keyword').length ? params.getAll('keyword') : undefined,
    publisherIds: params.getAll('publisher').length ? params.getAll('publisher') : undefined,
    accessLevels: params.getAll('access').length ? (params.getAll('access') as AccessLevel[]) : undefined,
    updateFrequencies: params.getAll('frequency').length ? (params.getAll('frequency') as UpdateFrequency[]) : undefined,
  }), [params, q, district]);
  const [first, setFirst] = useState(PAGE);
  const [facetResult, reexecuteFacets] = useQuery({ query: DatasetFacets, variables: { text: q, districtIds: district ? [district] : undefined } });
  const [result, reexecute] = useQuery({ query: DatasetsQuery, variables: { filter, first } });
  // A dataset added or changed elsewhere shows up here without a reload.
  const refetch = useCoalesced(() => {
    reexecute({ requestPolicy: 'network-only' });
    reexecuteFacets({ requestPolicy: 'network-only' });
  });
  useLiveStream(DatasetChanges, {}, (data) => data.datasetUpdated.seq, refetch);

  const facets = useMemo(() => {
    const nodes = facetResult.data?.datasets.nodes ?? [];
    return {
      theme: facet(nodes, (d) => d.themes.map((v) => ({ key: v, label: v }))),
      keyword: facet(nodes, (d) => d.keywords.map((v) => ({ key: v, label: v }))).slice(0, 12),
      publisher: facet(nodes, (d) => (d.publisher ? [{ key: d.publisher.id, label: localName(d.publisher) }] : [])),
      access: facet(nodes, (d) => [{ key: d.accessLevel, label: t(`access.${d.accessLevel}`) }]),
      frequency: facet(nodes, (d) => [{ key: d.updateFrequency, label: t(`frequency.${d.updateFrequency}`) }]),
    } satisfies Record<FacetName, Facet[]>;
  }, [facetResult.data, localName, t]);

  const toggle = (name: FacetName, key: string) => {
    const next = new URLSearchParams(params);
    const values = next.getAll(name);
    next.delete(name);
    (values.includes(key) ? values.filter((v) => v !== key) : [...values, key]).forEach((v) => next.append(name, v));
    setFirst(PAGE);
    setParams(next, { replace: true });
  };
  const search = (event: React.FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams(params);
    if (text.trim()) {
      next.set('q', text.trim());
    } else {
      next.delete('q');
    }
    setFirst(PAGE);
    setParams(next, { replace: true });
  };

  return (
    <div className="screen datasets">
      <h1>{t('datasets.title')}</h1>
      <form className="inline-form catalog-search" role="search" onSubmit={search}>
        <label htmlFor="dataset-search" className="visually-hidden">{t('datasets.search')}</label>
        <input id="dataset-search" type="search" value={text} onChange={(e) => setText(e.target.value)}
          placeholder={t('datasets.search')} />
        <button type="submit" className="button">{t('search.submit')}</button>
      </form>
      <div className="catalog">
        <aside className="facets" aria-label={t('datasets.facets')}>
          {FACETS.map((name) => facets[name].length > 0 && (
            <fieldset key={name} className="facet">
              <legend>{t(`datasets.facet.${name}`)}</legend>
              {facets[name].map((f) => (
                <label key={f.key} className="checkbox">
                  <input type="checkbox" checked={selected(name).includes(f.key)} onChange={() => toggle(name, f.key)} />
                  <span>{f.label}</span> <span className="count">{f.count}</span>
                </label>
              ))}
            </fieldset>
          ))}
          {(facetResult.data?.datasets.totalCount ?? 0) > 100 && <p className="muted small">{t('datasets.facetsPartial')}</p>}
        </aside>
        <section className="results" aria-live="polite">
          <QueryState result={result} retry={() => reexecute({ requestPolicy: 'network-only' })}>
            {(d) => (
              <>
                <p className="muted">{t('datasets.results', { count: d.datasets.totalCount })}</p>
                {d.datasets.nodes.length === 0 ? <p className="state state-empty">{t('datasets.none')}</p> : (
                  <ul className="dataset-list">
                    {d.datasets.nodes.map((ds) => (
                      <li key={ds.id} className="dataset-card">
                        <h2><Link to={`/datasets/${ds.id}`}>{ds.title}</Link></h2>
                        <div className="meta">
                          <AccessBadge level={ds.accessLevel} />
                          {ds.publisher && <span>{localName(ds.publisher)}</span>}
                          <span>{t(`frequency.${ds.updateFrequency}`)}</span>
                          {ds.modifiedAt && <span>{t('datasets.modified', { when: format.date(ds.modifiedAt) })}</span>}
                        </div>
                        {ds.description && <p className="clamp">{ds.description}</p>}
                        <ul className="chips small">
                          {ds.themes.map((theme) => <li key={theme}><span className="chip">{theme}</span></li>)}
                        </ul>
                      </li>
                    ))}
                  </ul>
                )}
                {d.datasets.pageInfo.hasNextPage && (
                  <button type="button" className="button" disabled={result.fetching} onClick={() => setFirst((n) => n + PAGE)}>
                    {t('common.loadMore')}
                  </button>
                )}
              </>
            )}
          </QueryState>
        </section>
      </div>
    </div>
  );
}
