import { useTranslation } from 'react-i18next';
import type { IssueCategory, IssueStatus, Severity, AccessLevel } from '../api/gql/graphql';

export function SeverityBadge({ severity }: { severity: Severity }) {
  const { t } = useTranslation();
  return <span className={`badge severity-${severity.toLowerCase()}`}>{t(`severity.${severity}`)}</span>;
}

export function StatusBadge({ status }: { status: IssueStatus }) {
  const { t } = useTranslation();
  return <span className={`badge status-${status.toLowerCase()}`} data-status={status}>{t(`status.${status}`)}</span>;
}

export function CategoryLabel({ category }: { category: IssueCategory }) {
  const { t } = useTranslation();
  return <span className="category">{t(`category.${category}`)}</span>;
}

export function AccessBadge({ level }: { level: AccessLevel }) {
  const { t } = useTranslation();
  return <span className={`badge access-${level.toLowerCase()}`}>{t(`access.${level}`)}</span>;
}

export const SEVERITIES: Severity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];
export const STATUSES: IssueStatus[] = ['OPEN', 'MONITORING', 'REOPENED', 'RESOLVED', 'CLOSED'];
export const CATEGORIES: IssueCategory[] = ['COVID19', 'DISASTER', 'TRAFFIC', 'WELFARE', 'ECONOMY', 'ENVIRONMENT',
  'SAFETY', 'CIVIL_COMPLAINT', 'HEALTH', 'EDUCATION', 'CULTURE', 'AGRICULTURE', 'OTHER'];

/** Colours of the severities, dark enough for white text (WCAG AA). */
export const SEVERITY_COLOURS: Record<Severity, string> = {
  CRITICAL: '#a3161b',
  HIGH: '#c2410c',
  MEDIUM: '#8a5a00',
  LOW: '#2f6b3a',
};
