import type { ReactNode } from 'react';
import type { CombinedError } from '@urql/core';
import { useTranslation } from 'react-i18next';

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('state.loading')}
    </div>
  );
}

/** What went wrong, in words for people, with a way to try again. */
export function ErrorState({ error, retry }: { error: CombinedError | Error | string; retry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="state state-error" role="alert">
      <strong>{t('state.error')}</strong>
      <span>{describeError(error, t)}</span>
      {retry && (
        <button type="button" className="button" onClick={retry}>
          {t('state.retry')}
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return <div className="state state-empty">{children ?? t('state.empty')}</div>;
}

export function NotFound({ what }: { what?: string }) {
  const { t } = useTranslation();
  return (
    <div className="state state-empty" role="status">
      {what ?? t('state.notFound')}
    </div>
  );
}

function describeError(error: CombinedError | Error | string, t: (key: string) => string): string {
  if (typeof error === 'string') {
    return error;
  }
  if ('networkError' in error && error.networkError) {
    return t('state.networkError');
  }
  if ('graphQLErrors' in error && error.graphQLErrors.length > 0) {
    const code = error.graphQLErrors[0].extensions?.code;
    if (code === 'FORBIDDEN' || code === 'UNAUTHENTICATED') {
      return t('state.forbidden');
    }
    return error.graphQLErrors[0].message;
  }
  return error.message;
}

/** Renders the loading, error or empty state of a query result, else its content. */
export function QueryState<T>({ result, retry, isEmpty, children }: {
  result: { fetching: boolean; error?: CombinedError; data?: T };
  retry?: () => void;
  isEmpty?: (data: T) => boolean;
  children: (data: T) => ReactNode;
}) {
  if (result.data === undefined) {
    if (result.error) {
      return <ErrorState error={result.error} retry={retry} />;
    }
    return <Loading />;
  }
  if (isEmpty?.(result.data)) {
    return <Empty />;
  }
  return (
    <>
      {result.error && <ErrorState error={result.error} retry={retry} />}
      {children(result.data)}
    </>
  );
}
