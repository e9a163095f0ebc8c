import { useMemo } from 'react';
import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import type { EChartsCoreOption } from 'echarts/core';
import { graphql } from '../api/gql';
import { useFormat, useLocalName } from '../i18n/format';
import { Chart } from './Chart';
import { QueryState } from './States';

const MetricsQuery = graphql(`
  query IndicatorMetrics {
    metrics { id code name nameEn unit resolution latestAt dataset { id title freshness { stale } } }
  }
`);

const SeriesQuery = graphql(`
  query IndicatorSeries($metric: String!, $districtIds: [ID!], $bucket: IndicatorBucket) {
    indicators(metric: $metric, districtIds: $districtIds, bucket: $bucket) {
      bucket from to
      series { points { at value } }
    }
  }
`);

const IssueIndicatorsQuery = graphql(`
  query IssueIndicators($id: ID!) {
    issue(id: $id) {
      id
      indicators { bucket metric { code name nameEn unit } series { points { at value } } }
    }
  }
`);

type Point = { at: string; value: number };

/** A line chart of one series, with its numbers described for screen readers. */
function SeriesChart({ points, bucket, label }: { points: Point[]; bucket: string; label: string }) {
  const format = useFormat();
  const option = useMemo<EChartsCoreOption>(() => ({
    grid: { left: 56, right: 12, top: 12, bottom: 28 },
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'category',
      data: points.map((p) => (bucket === 'HOUR' ? format.dateTime(p.at) : format.date(p.at))),
    },
    yAxis: { type: 'value' },
    series: [{ type: 'line', showSymbol: points.length < 40, data: points.map((p) => p.value) }],
  }), [points, bucket, format]);
  return <Chart option={option} label={label} height={180} />;
}

function summary(points: Point[], format: ReturnType<typeof useFormat>) {
  if (points.length === 0) {
    return '';
  }
  const last = points[points.length - 1];
  return `${format.date(points[0].at)} – ${format.date(last.at)}: ${format.number(Math.round(last.value))}`;
}

/** One metric's recent series (daily, the last 30 days of its data) for some districts. */
function MetricChart({ metric, districtIds }: {
  metric: { code: string; name: string; nameEn: string | null; unit: string | null; dataset: { freshness: { stale: boolean } | null } | null };
  districtIds?: string[];
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const localName = useLocalName();
  const [result] = useQuery({ query: SeriesQuery, variables: { metric: metric.code, districtIds, bucket: 'DAY' } });
  const points = result.data?.indicators.series[0]?.points ?? [];
  const name = localName(metric);
  return (
    <figure className="indicator" data-metric={metric.code}>
      <figcaption>
        <strong>{name}</strong>{metric.unit && <span className="muted"> ({metric.unit})</span>}
        {metric.dataset?.freshness?.stale && <span className="badge stale"> {t('indicators.stale')}</span>}
      </figcaption>
      {result.error ? <p className="muted">{t('indicators.error')}</p>
        : points.length === 0 ? <p className="muted">{result.fetching ? t('state.loading') : t('indicators.noData')}</p>
          : (
            <>
              <SeriesChart points={points} bucket="DAY" label={t('indicators.chart', { name, values: summary(points, format) })} />
              <p className="muted small">{summary(points, format)}</p>
            </>
          )}
    </figure>
  );
}

/** Charts of every metric the viewer may read, for the whole city or some districts. */
export function IndicatorPanel({ districtIds, headingId }: { districtIds?: string[]; headingId: string }) {
  const { t } = useTranslation();
  const [result] = useQuery({ query: MetricsQuery });
  return (
    <section className="panel indicators" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('indicators.title')}</h2>
      <QueryState result={result}>
        {(d) => d.metrics.length === 0 ? <p className="muted">{t('indicators.none')}</p> : (
          <div className="indicator-grid">
            {d.metrics.map((m) => <MetricChart key={m.id} metric={m} districtIds={districtIds} />)}
          </div>
        )}
      </QueryState>
    </section>
  );
}

/** The indicators of an issue's districts around its dates. */
export function IssueIndicators({ issueId }: { issueId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const localName = useLocalName();
  const [result] = useQuery({ query: IssueIndicatorsQuery, variables: { id: issueId } });
  return (
    <section className="panel indicators" aria-labelledby="issue-indicators">
      <h2 id="issue-indicators">{t('indicators.aroundIssue')}</h2>
      <QueryState result={result}>
        {(d) => {
          const list = d.issue?.indicators ?? [];
          return list.length === 0 ? <p className="muted">{t('indicators.noneAroundIssue')}</p> : (
            <div className="indicator-grid">
              {list.map((r) => {
                const points = r.series[0]?.points ?? [];
                const name = localName(r.metric);
                return (
                  <figure className="indicator" key={r.metric.code} data-metric={r.metric.code}>
                    <figcaption><strong>{name}</strong>{r.metric.unit && <span className="muted"> ({r.metric.unit})</span>}
                      <span className="muted"> · {t(`indicators.bucket.${r.bucket}`)}</span></figcaption>
                    <SeriesChart points={points} bucket={r.bucket} label={t('indicators.chart', { name, values: summary(points, format) })} />
                  </figure>
                );
              })}
            </div>
          );
        }}
      </QueryState>
    </section>
  );
}
