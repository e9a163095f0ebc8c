import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { graphql } from '../api/gql';
import type { IssueRowFragment } from '../api/gql/graphql';
import { useFormat, useLocalName } from '../i18n/format';
import { CategoryLabel, SeverityBadge, StatusBadge } from './Badges';
import { Empty } from './States';

export const IssueRow = graphql(`
  fragment IssueRow on Issue {
    id title severity status category updatedAt
    districts { id name nameEn }
    owner { id name nameEn }
  }
`);

/** A list of issues, each a link to its page. */
export function IssueList({ issues, emptyText }: { issues: IssueRowFragment[]; emptyText?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const localName = useLocalName();
  if (issues.length === 0) {
    return <Empty>{emptyText ?? t('issues.none')}</Empty>;
  }
  return (
    <ul className="issue-list">
      {issues.map((issue) => (
        <li key={issue.id} className="issue-row" data-issue-id={issue.id}>
          <div className="issue-row-badges">
            <SeverityBadge severity={issue.severity} />
            <StatusBadge status={issue.status} />
          </div>
          <div className="issue-row-main">
            <Link to={`/issues/${issue.id}`} className="issue-title">{issue.title}</Link>
            <div className="meta">
              <CategoryLabel category={issue.category} />
              {issue.districts.length > 0 && <span>{issue.districts.map(localName).join(', ')}</span>}
              {issue.owner && <span>{localName(issue.owner)}</span>}
              <time dateTime={issue.updatedAt}>{format.relative(issue.updatedAt)}</time>
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}
