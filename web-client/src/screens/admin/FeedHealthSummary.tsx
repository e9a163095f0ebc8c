import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../api/gql';
import { useFormat } from '../../i18n/format';
import { QueryState } from '../../components/States';

const FeedHealthQuery = graphql(`
  query FeedHealth {
    feeds(first: 100) {
      totalCount
      nodes { id title url enabled healthy consecutiveErrors lastSuccessAt lastError { kind message } }
    }
  }
`);

/** How many feeds work, and which fail (staff). */
export function FeedHealthSummary() {
  const { t } = useTranslation();
  const format = useFormat();
  const [result, reexecute] = useQuery({ query: FeedHealthQuery });
  return (
    <QueryState result={result} retry={() => reexecute({ requestPolicy: 'network-only' })}
      isEmpty={(d) => d.feeds.totalCount === 0}>
      {(d) => {
        const enabled = d.feeds.nodes.filter((f) => f.enabled);
        const failing = enabled.filter((f) => !f.healthy);
        return (
          <div className="feed-summary">
            <p>
              <span className={failing.length > 0 ? 'health-bad' : 'health-good'}>
                {t('feeds.summary', { healthy: enabled.length - failing.length, total: enabled.length })}
              </span>
              {d.feeds.totalCount > enabled.length && <span className="muted"> · {t('feeds.disabledCount', { count: d.feeds.totalCount - enabled.length })}</span>}
            </p>
            <ul className="plain-list">
              {d.feeds.nodes.map((feed) => (
                <li key={feed.id}>
                  <span className={`health-dot ${!feed.enabled ? 'off' : feed.healthy ? 'good' : 'bad'}`} aria-hidden="true" />
                  {feed.title ?? feed.url}
                  <span className="muted">
                    {' · '}
                    {!feed.enabled ? t('feeds.disabled') : feed.healthy
                      ? t('feeds.lastSuccess', { when: format.relative(feed.lastSuccessAt) || t('feeds.never') })
                      : t('feeds.failing', { count: feed.consecutiveErrors, kind: feed.lastError?.kind ?? '' })}
                  </span>
                </li>
              ))}
            </ul>
            <Link to="/admin/feeds" className="more">{t('feeds.manage')}</Link>
          </div>
        );
      }}
    </QueryState>
  );
}
