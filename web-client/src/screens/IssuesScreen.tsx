import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../api/gql';
import type { IssueCategory, IssueFilter, IssueStatus, Severity } from '../api/gql/graphql';
import { useCoalesced, useIssueEvents } from '../api/LiveContext';
import { useLocalName } from '../i18n/format';
import { IssueList } from '../components/IssueList';
import { Pager } from '../components/Pager';
import { QueryState } from '../components/States';
import { usePager } from '../components/usePager';
import { CATEGORIES, SEVERITIES, STATUSES } from '../components/Badges';

const IssuesQuery = graphql(`
  query Issues($filter: IssueFilter, $first: Int, $after: String, $last: Int, $before: String) {
    issues(filter: $filter, orderBy: { field: UPDATED_AT, direction: DESC }, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      nodes { ...IssueRow }
    }
  }
`);

const IssueFilterOptions = graphql(`
  query IssueFilterOptions { districts(first: 100) { nodes { id name nameEn } } }
`);

const PAGE = 15;

/** Issues, filtered by status, severity, category, district and words; kept live. */
export function IssuesScreen() {
  const { t } = useTranslation();
  const localName = useLocalName();
  const [params, setParams] = useSearchParams();
  const filter = useMemo<IssueFilter>(() => {
    const status = params.get('status');
    return {
      openOnly: params.get('open') === '1' || undefined,
      statuses: status ? [status as IssueStatus] : undefined,
      minSeverity: (params.get('minSeverity') as Severity | null) ?? undefined,
      categories: params.get('category') ? [params.get('category') as IssueCategory] : undefined,
      districtIds: params.get('district') ? [params.get('district')!] : undefined,
      text: params.get('q') ?? undefined,
    };
  }, [params]);
  const pager = usePager(PAGE, params.toString());
  const [result, reexecute] = useQuery({ query: IssuesQuery, variables: { filter, ...pager.variables } });
  const [options] = useQuery({ query: IssueFilterOptions });
  useIssueEvents(useCoalesced(() => reexecute({ requestPolicy: 'network-only' })));

  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) {
      next.set(key, value);
    } else {
      next.delete(key);
    }
    if (key === 'status' && value) {
      next.delete('open');
    }
    setParams(next, { replace: true });
  };
  const statusValue = params.get('open') === '1' ? 'open' : params.get('status') ?? '';

  return (
    <div className="screen">
      <h1>{t('issues.title')}</h1>
      <form className="filters" role="search" aria-label={t('issues.filters')} onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('issues.status')}
          <select value={statusValue} onChange={(e) => {
            const next = new URLSearchParams(params);
            next.delete('status');
            next.delete('open');
            if (e.target.value === 'open') {
              next.set('open', '1');
            } else if (e.target.value) {
              next.set('status', e.target.value);
            }
            setParams(next, { replace: true });
          }}>
            <option value="">{t('common.all')}</option>
            <option value="open">{t('issues.openOnly')}</option>
            {STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
          </select>
        </label>
        <label>
          {t('issues.minSeverity')}
          <select value={params.get('minSeverity') ?? ''} onChange={(e) => set('minSeverity', e.target.value)}>
            <option value="">{t('common.all')}</option>
            {SEVERITIES.map((s) => <option key={s} value={s}>{t(`severity.${s}`)}</option>)}
          </select>
        </label>
        <label>
          {t('issues.category')}
          <select value={params.get('category') ?? ''} onChange={(e) => set('category', e.target.value)}>
            <option value="">{t('common.all')}</option>
            {CATEGORIES.map((c) => <option key={c} value={c}>{t(`category.${c}`)}</option>)}
          </select>
        </label>
        <label>
          {t('issues.district')}
          <select value={params.get('district') ?? ''} onChange={(e) => set('district', e.target.value)}>
            <option value="">{t('common.all')}</option>
            {options.data?.districts.nodes.map((d) => <option key={d.id} value={d.id}>{localName(d)}</option>)}
          </select>
        </label>
        <label>
          {t('issues.text')}
          <input type="search" defaultValue={params.get('q') ?? ''}
            onKeyDown={(e) => { if (e.key === 'Enter') { set('q', e.currentTarget.value.trim()); } }}
            onBlur={(e) => set('q', e.currentTarget.value.trim())} />
        </label>
      </form>
      <QueryState result={result} retry={() => reexecute({ requestPolicy: 'network-only' })}>
        {(d) => (
          <section className="panel" aria-label={t('issues.results', { count: d.issues.totalCount })}>
            <p className="muted" aria-live="polite">{t('issues.results', { count: d.issues.totalCount })}</p>
            <IssueList issues={d.issues.nodes} />
            <Pager page={pager.page} busy={result.fetching}
              hasPrevious={pager.page > 1} hasNext={pager.hasNext(d.issues.pageInfo)}
              onPrevious={() => pager.previous(d.issues.pageInfo.startCursor)}
              onNext={() => pager.next(d.issues.pageInfo.endCursor)} />
          </section>
        )}
      </QueryState>
    </div>
  );
}
