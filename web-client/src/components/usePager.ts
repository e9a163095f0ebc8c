import { useCallback, useEffect, useState } from 'react';

interface Position {
  page: number;
  after?: string;
  before?: string;
}

/**
 * Keyset paging over a Relay connection: forwards with first/after, backwards with last/before.
 * Goes back to page 1 whenever `resetKey` (the filter) changes.
 */
export function usePager(pageSize: number, resetKey: string) {
  const [position, setPosition] = useState<Position>({ page: 1 });
  useEffect(() => setPosition({ page: 1 }), [resetKey]);
  const variables = position.before
    ? { last: pageSize, before: position.before }
    : { first: pageSize, after: position.after };
  const next = useCallback((endCursor: string | null | undefined) => {
    if (endCursor) {
      setPosition((p) => ({ page: p.page + 1, after: endCursor }));
    }
  }, []);
  const previous = useCallback((startCursor: string | null | undefined) => {
    setPosition((p) => (p.page <= 2 || !startCursor ? { page: 1 } : { page: p.page - 1, before: startCursor }));
  }, []);
  const first = useCallback(() => setPosition({ page: 1 }), []);
  return {
    page: position.page,
    variables,
    next,
    previous,
    first,
    hasNext: (pageInfo: { hasNextPage: boolean } | undefined) => Boolean(position.before || pageInfo?.hasNextPage),
  };
}
