import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { print } from 'graphql';
import { useClient } from 'urql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { graphql } from './gql';
import type { LiveIssueChangesSubscription, LiveNewsSubscription } from './gql/graphql';
import { LiveConnection, type LiveStatus } from './live';
import { webSocketUrl } from './client';
import { useSession } from './SessionContext';

export type IssueEvent = LiveIssueChangesSubscription['issueChanged'];
export type NewsEvent = LiveNewsSubscription['newsPublished'];

const LiveIssueChanges = graphql(`
  subscription LiveIssueChanges($after: Long) {
    issueChanged(after: $after) {
      seq at kind changedFields targetIds
      issue { id title status severity category updatedAt districts { id } }
    }
  }
`);

export const LiveNews = graphql(`
  subscription LiveNews($after: Long, $filter: NewsEventFilter) {
    newsPublished(after: $after, filter: $filter) {
      seq at kind
      item { ...NewsRow }
    }
  }
`);

/** Where the event stream stands when the page loads: the standing subscriptions start from there. */
const EventSequence = graphql(`
  query EventSequence { eventSequence }
`);

type Listener<T> = (event: T) => void;

interface LiveApi {
  connection: LiveConnection;
  status: LiveStatus;
  /** Issue changes and news of this page's lifetime, newest first (at most 30 each). */
  recentIssues: IssueEvent[];
  recentNews: NewsEvent[];
  onIssue(listener: Listener<IssueEvent>): () => void;
  onNews(listener: Listener<NewsEvent>): () => void;
  /** The last sequence number seen by the page's news stream, to start a filtered stream from. */
  lastNewsSeq(): number | null;
}

const LiveContext = createContext<LiveApi | null>(null);
const KEEP = 30;

/**
 * The page's live connection and its two standing subscriptions (all issue changes, all news) that
 * every screen listens to. The socket is reopened when the viewer changes. The screens are rendered
 * only once the stream's position is known, and the subscriptions replay from that position: a
 * change committed between a screen's first query and the socket's opening still reaches it.
 */
export function LiveProvider({ children, fallback }: { children: ReactNode; fallback?: ReactNode }) {
  const client = useClient();
  // undefined: still asking; null: unknown (the stream then starts live)
  const [startSeq, setStartSeq] = useState<number | null | undefined>(undefined);
  useEffect(() => {
    void client.query(EventSequence, {}, { requestPolicy: 'network-only' }).toPromise()
      .then((result) => setStartSeq(result.data?.eventSequence ?? null), () => setStartSeq(null));
    // once per page: later the streams resume from the last event they saw, whoever logs in
  }, []);
  const { viewer, loading, refresh } = useSession();
  const refreshRef = useRef(refresh);
  refreshRef.current = refresh;
  const connection = useMemo(
    () => new LiveConnection({ url: webSocketUrl(), onUnauthorized: () => refreshRef.current() }),
    [],
  );
  const [status, setStatus] = useState<LiveStatus>(connection.status);
  const [recentIssues, setRecentIssues] = useState<IssueEvent[]>([]);
  const [recentNews, setRecentNews] = useState<NewsEvent[]>([]);
  const issueListeners = useRef(new Set<Listener<IssueEvent>>());
  const newsListeners = useRef(new Set<Listener<NewsEvent>>());
  const newsSeq = useRef<number | null>(null);

  useEffect(() => {
    if (startSeq === undefined) {
      return;
    }
    const offStatus = connection.onStatus(setStatus);
    const offIssues = connection.subscribe<LiveIssueChangesSubscription>({
      query: print(LiveIssueChanges),
      after: startSeq,
      seqOf: (data) => data.issueChanged.seq,
      onEvent: (data) => {
        setRecentIssues((list) => [data.issueChanged, ...list].slice(0, KEEP));
        issueListeners.current.forEach((listener) => listener(data.issueChanged));
      },
    });
    const offNews = connection.subscribe<LiveNewsSubscription>({
      query: print(LiveNews),
      after: startSeq,
      seqOf: (data) => data.newsPublished.seq,
      onEvent: (data) => {
        newsSeq.current = data.newsPublished.seq;
        setRecentNews((list) => [data.newsPublished, ...list.filter((e) => e.item.id !== data.newsPublished.item.id)].slice(0, KEEP));
        newsListeners.current.forEach((listener) => listener(data.newsPublished));
      },
    });
    const online = () => connection.retryNow();
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      offIssues();
      offNews();
      offStatus();
      connection.stop();
    };
  }, [connection, startSeq]);

  // Connect once the viewer is known, and again whenever it changes.
  const identity = loading ? null : `${viewer.id}:${viewer.role}`;
  const lastIdentity = useRef<string | null>(null);
  useEffect(() => {
    if (identity === null || startSeq === undefined) {
      return;
    }
    if (lastIdentity.current === null) {
      connection.start();
    } else if (lastIdentity.current !== identity) {
      connection.restart();
    }
    lastIdentity.current = identity;
  }, [identity, connection, startSeq]);

  const api = useMemo<LiveApi>(() => ({
    connection,
    status,
    recentIssues,
    recentNews,
    onIssue: (listener) => {
      issueListeners.current.add(listener);
      return () => issueListeners.current.delete(listener);
    },
    onNews: (listener) => {
      newsListeners.current.add(listener);
      return () => newsListeners.current.delete(listener);
    },
    lastNewsSeq: () => newsSeq.current,
  }), [connection, status, recentIssues, recentNews]);

  return <LiveContext.Provider value={api}>{startSeq === undefined ? fallback : children}</LiveContext.Provider>;
}

export function useLive(): LiveApi {
  const api = useContext(LiveContext);
  if (!api) {
    throw new Error('useLive outside LiveProvider');
  }
  return api;
}

/** Calls the handler for every issue change (the latest handler; no resubscribe on each render). */
export function useIssueEvents(handler: Listener<IssueEvent>): void {
  const { onIssue } = useLive();
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => onIssue((event) => ref.current(event)), [onIssue]);
}

export function useNewsEvents(handler: Listener<NewsEvent>): void {
  const { onNews } = useLive();
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => onNews((event) => ref.current(event)), [onNews]);
}

/**
 * A subscription of one screen (e.g. news of one district), on the page's connection, for as long as
 * the screen shows it with these variables.
 */
export function useLiveStream<TData, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: Omit<TVariables, 'after'>,
  seqOf: (data: TData) => number,
  onEvent: (data: TData) => void,
  options: { enabled?: boolean; after?: () => number | null; onResync?: () => void } = {},
): void {
  const { connection } = useLive();
  const handlers = useRef({ seqOf, onEvent, options });
  handlers.current = { seqOf, onEvent, options };
  const key = JSON.stringify(variables);
  const enabled = options.enabled ?? true;
  useEffect(() => {
    if (!enabled) {
      return undefined;
    }
    return connection.subscribe<TData>({
      query: print(document),
      variables: JSON.parse(key) as Record<string, unknown>,
      after: handlers.current.options.after?.() ?? null,
      seqOf: (data) => handlers.current.seqOf(data),
      onEvent: (data) => handlers.current.onEvent(data),
      onResync: () => handlers.current.options.onResync?.(),
    });
  }, [connection, document, key, enabled]);
}

/**
 * Runs `action` at most once per `wait` ms however many times the returned function is called:
 * many live events in a burst cost one refetch.
 */
export function useCoalesced(action: () => void, wait = 600): () => void {
  const ref = useRef(action);
  ref.current = action;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (timer.current) {
      clearTimeout(timer.current);
    }
  }, []);
  return useCallback(() => {
    if (timer.current === null) {
      timer.current = setTimeout(() => {
        timer.current = null;
        ref.current();
      }, wait);
    }
  }, [wait]);
}
