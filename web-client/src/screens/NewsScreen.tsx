import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../api/gql';
import type { NewsFilter, NewsRowFragment } from '../api/gql/graphql';
import { LiveNews, useLive, useLiveStream } from '../api/LiveContext';
import { useSession } from '../api/SessionContext';
import { canViewFeeds } from '../api/session';
import { useLocalName } from '../i18n/format';
import { NewsList } from '../components/NewsList';
import { Pager } from '../components/Pager';
import { QueryState } from '../components/States';
import { usePager } from '../components/usePager';

const NewsQuery = graphql(`
  query News($filter: NewsFilter, $first: Int, $after: String, $last: Int, $before: String) {
    news(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      nodes { ...NewsRow }
    }
  }
`);

const NewsFilterOptions = graphql(`
  query NewsFilterOptions {
    districts(first: 100) { nodes { id name nameEn } }
    agencies(first: 100) { nodes { id name nameEn } }
    issues(first: 100, orderBy: { field: TITLE, direction: ASC }) { nodes { id title } }
  }
`);

const NewsFeedOptions = graphql(`
  query NewsFeedOptions { feeds(first: 100) { nodes { id title url } } }
`);

const PAGE = 10;

/** The news stream, filterable by district, agency, issue, source and words; new items arrive live. */
export function NewsScreen() {
  const { t } = useTranslation();
  const localName = useLocalName();
  const { viewer } = useSession();
  const { lastNewsSeq } = useLive();
  const [params, setParams] = useSearchParams();
  const filter = useMemo<NewsFilter>(() => ({
    districtIds: params.get('district') ? [params.get('district')!] : undefined,
    agencyIds: params.get('agency') ? [params.get('agency')!] : undefined,
    issueIds: params.get('issue') ? [params.get('issue')!] : undefined,
    feedIds: params.get('feed') ? [params.get('feed')!] : undefined,
    text: params.get('q') ?? undefined,
  }), [params]);
  const pager = usePager(PAGE, params.toString());
  const [result, reexecute] = useQuery({ query: NewsQuery, variables: { filter, ...pager.variables } });
  const [options] = useQuery({ query: NewsFilterOptions });
  const [feeds] = useQuery({ query: NewsFeedOptions, pause: !canViewFeeds(viewer) });

  // Items that arrived while this filter is shown; on page 1 they go on top, elsewhere a banner counts them.
  const [arrived, setArrived] = useState<NewsRowFragment[]>([]);
  useEffect(() => setArrived([]), [params]);
  const { text: _text, ...eventFilter } = filter;
  useLiveStream(LiveNews, { filter: eventFilter }, (data) => data.newsPublished.seq, (data) => {
    const item = data.newsPublished.item;
    setArrived((list) => [item, ...list.filter((i) => i.id !== item.id)]);
  }, { after: lastNewsSeq });

  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) {
      next.set(key, value);
    } else {
      next.delete(key);
    }
    setParams(next, { replace: true });
  };
  const showArrived = pager.page === 1 && !filter.text;
  const fresh = useMemo(() => new Set(arrived.map((i) => i.id)), [arrived]);

  return (
    <div className="screen">
      <h1>{t('news.title')}</h1>
      <form className="filters" role="search" aria-label={t('news.filters')} onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('news.district')}
          <select value={params.get('district') ?? ''} onChange={(e) => set('district', e.target.value)}>
            <option value="">{t('common.all')}</option>
            {options.data?.districts.nodes.map((d) => <option key={d.id} value={d.id}>{localName(d)}</option>)}
          </select>
        </label>
        <label>
          {t('news.agency')}
          <select value={params.get('agency') ?? ''} onChange={(e) => set('agency', e.target.value)}>
            <option value="">{t('common.all')}</option>
            {options.data?.agencies.nodes.map((a) => <option key={a.id} value={a.id}>{localName(a)}</option>)}
          </select>
        </label>
        <label>
          {t('news.issue')}
          <select value={params.get('issue') ?? ''} onChange={(e) => set('issue', e.target.value)}>
            <option value="">{t('common.all')}</option>
            {options.data?.issues.nodes.map((i) => <option key={i.id} value={i.id}>{i.title}</option>)}
          </select>
        </label>
        {canViewFeeds(viewer) && (
          <label>
            {t('news.source')}
            <select value={params.get('feed') ?? ''} onChange={(e) => set('feed', e.target.value)}>
              <option value="">{t('common.all')}</option>
              {feeds.data?.feeds.nodes.map((f) => <option key={f.id} value={f.id}>{f.title ?? f.url}</option>)}
            </select>
          </label>
        )}
        <label>
          {t('news.text')}
          <input type="search" defaultValue={params.get('q') ?? ''}
            onKeyDown={(e) => { if (e.key === 'Enter') { set('q', e.currentTarget.value.trim()); } }}
            onBlur={(e) => set('q', e.currentTarget.value.trim())} />
        </label>
      </form>
      {arrived.length > 0 && !showArrived && (
        <div className="notice notice-ok" role="status">
          {t('news.arrived', { count: arrived.length })}{' '}
          <button type="button" className="button" onClick={() => { pager.first(); reexecute({ requestPolicy: 'network-only' }); }}>
            {t('news.showLatest')}
          </button>
        </div>
      )}
      <QueryState result={result} retry={() => reexecute({ requestPolicy: 'network-only' })}>
        {(d) => {
          const onPage = new Set(d.news.nodes.map((i) => i.id));
          const extra = showArrived ? arrived.filter((i) => !onPage.has(i.id)) : [];
          const shown = showArrived ? [...arrived, ...d.news.nodes.filter((i) => !fresh.has(i.id))] : d.news.nodes;
          return (
            <section className="panel" aria-label={t('news.results', { count: d.news.totalCount })}>
              <p className="muted" aria-live="polite">{t('news.results', { count: d.news.totalCount + extra.length })}</p>
              <NewsList items={shown} fresh={showArrived ? fresh : undefined} />
              <Pager page={pager.page} busy={result.fetching}
                hasPrevious={pager.page > 1} hasNext={pager.hasNext(d.news.pageInfo)}
                onPrevious={() => pager.previous(d.news.pageInfo.startCursor)}
                onNext={() => pager.next(d.news.pageInfo.endCursor)} />
            </section>
          );
        }}
      </QueryState>
    </div>
  );
}
