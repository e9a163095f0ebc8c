import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { graphql } from '../api/gql';
import type { NewsRowFragment } from '../api/gql/graphql';
import { useFormat, useLocalName } from '../i18n/format';
import { Empty } from './States';

export const NewsRow = graphql(`
  fragment NewsRow on NewsItem {
    id title link source publishedAt summary
    mentions {
      text confidence
      subject {
        __typename
        ... on District { id name nameEn }
        ... on Agency { id name nameEn }
        ... on Issue { id title }
      }
    }
  }
`);

type Subject = NewsRowFragment['mentions'][number]['subject'];

function subjectLink(subject: Subject): string {
  switch (subject.__typename) {
    case 'District':
      return `/districts/${subject.id}`;
    case 'Issue':
      return `/issues/${subject.id}`;
    default:
      return `/news?agency=${encodeURIComponent(subject.id)}`;
  }
}

/** News items with their sources, times and what they mention; `fresh` marks items that just arrived. */
export function NewsList({ items, fresh, compact, emptyText }: {
  items: NewsRowFragment[];
  fresh?: Set<string>;
  compact?: boolean;
  emptyText?: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const localName = useLocalName();
  if (items.length === 0) {
    return <Empty>{emptyText ?? t('news.none')}</Empty>;
  }
  return (
    <ul className={compact ? 'news-list compact' : 'news-list'}>
      {items.map((item) => (
        <li key={item.id} className={fresh?.has(item.id) ? 'news-item fresh' : 'news-item'} data-news-id={item.id}>
          <div className="news-title">
            {fresh?.has(item.id) && <span className="badge badge-new">{t('news.new')}</span>}
            {item.link ? (
              <a href={item.link} target="_blank" rel="noopener noreferrer">{item.title}</a>
            ) : (
              <span>{item.title}</span>
            )}
          </div>
          <div className="meta">
            {item.source && <span>{item.source}</span>}
            <time dateTime={item.publishedAt}>{format.dateTime(item.publishedAt)}</time>
          </div>
          {!compact && item.summary && <p className="news-summary">{item.summary}</p>}
          {!compact && item.mentions.length > 0 && (
            <ul className="chips" aria-label={t('news.mentions')}>
              {item.mentions.map((mention) => (
                <li key={`${mention.subject.__typename}-${mention.subject.id}`}>
                  <Link className="chip" to={subjectLink(mention.subject)}>
                    {mention.subject.__typename === 'Issue' ? mention.subject.title : localName(mention.subject)}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
