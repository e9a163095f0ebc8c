import { createClient, type Client, type ClientOptions } from 'graphql-ws';

/**
 * The live connection to the hub: one WebSocket (graphql-transport-ws) that carries every
 * subscription of the page. It reconnects by itself, with a growing wait, and resumes each
 * subscription from the sequence number of the last event it delivered, so that nothing is lost
 * or shown twice across a reconnect. graphql-ws's own retry would resend the first variables
 * (and gives up on the hub's 4401 and 4429 closes), hence this loop of our own.
 */

export type LiveStatus = 'connecting' | 'connected' | 'reconnecting' | 'stopped';

/** One subscription: its document, its variables (without `after`), and what to do with events. */
export interface StreamSpec<TData> {
  query: string;
  variables?: Record<string, unknown>;
  /** The event's sequence number. */
  seqOf(data: TData): number;
  onEvent(data: TData): void;
  /** The hub no longer keeps events that far back: reload the current state. */
  onResync?(): void;
  /** Resume after this sequence number (e.g. the last one another stream saw). */
  after?: number | null;
}

export interface LiveOptions {
  url: string;
  /** Called when the hub closed the socket because the session token expired (4401). */
  onUnauthorized?: () => Promise<unknown>;
  /** The wait before reconnect attempt n (0-based), in ms. */
  backoff?: (attempt: number) => number;
  /** For tests: makes the graphql-ws client. */
  createClient?: (options: ClientOptions) => Client;
}

interface ActiveStream {
  spec: StreamSpec<unknown>;
  after: number | null;
  dispose: (() => void) | null;
}

const UNAUTHORIZED = 4401;

export function defaultBackoff(attempt: number): number {
  const base = Math.min(15_000, 500 * 2 ** attempt);
  return base / 2 + Math.random() * (base / 2);
}

export class LiveConnection {
  private readonly options: LiveOptions;
  private readonly makeClient: (options: ClientOptions) => Client;
  private client: Client | null = null;
  private readonly streams = new Map<number, ActiveStream>();
  private nextId = 1;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private generation = 0;
  private current: LiveStatus = 'stopped';
  private readonly listeners = new Set<(status: LiveStatus) => void>();

  constructor(options: LiveOptions) {
    this.options = options;
    this.makeClient = options.createClient ?? createClient;
  }

  get status(): LiveStatus {
    return this.current;
  }

  onStatus(listener: (status: LiveStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    if (this.current === 'stopped') {
      this.attempt = 0;
      this.connect();
    }
  }

  stop(): void {
    this.generation++;
    this.clearTimer();
    this.dropClient();
    this.setStatus('stopped');
  }

  /** Reconnects now, e.g. after a login or logout so that the socket speaks for the new viewer. */
  restart(): void {
    this.generation++;
    this.clearTimer();
    this.dropClient();
    this.attempt = 0;
    this.connect();
  }

  /** Reconnects now if a reconnect is waiting (the browser came back online). */
  retryNow(): void {
    if (this.timer !== null) {
      this.clearTimer();
      this.connect();
    }
  }

  /** Subscribes; returns the function that unsubscribes. */
  subscribe<TData>(spec: StreamSpec<TData>): () => void {
    const id = this.nextId++;
    const stream: ActiveStream = { spec: spec as StreamSpec<unknown>, after: spec.after ?? null, dispose: null };
    this.streams.set(id, stream);
    if (this.client) {
      this.open(stream, this.client);
    }
    return () => {
      stream.dispose?.();
      stream.dispose = null;
      this.streams.delete(id);
    };
  }

  private connect(): void {
    const generation = ++this.generation;
    this.setStatus(this.attempt === 0 ? 'connecting' : 'reconnecting');
    const client = this.makeClient({
      url: this.options.url,
      lazy: false,
      retryAttempts: 0,
      onNonLazyError: () => undefined,
      on: {
        connected: () => {
          if (generation === this.generation) {
            this.attempt = 0;
            this.setStatus('connected');
          }
        },
        closed: (event) => {
          if (generation === this.generation) {
            this.closed(event);
          }
        },
      },
    });
    this.client = client;
    for (const stream of this.streams.values()) {
      this.open(stream, client);
    }
  }

  private closed(event: unknown): void {
    this.generation++;
    this.dropClient();
    this.setStatus('reconnecting');
    const code = (event as { code?: number } | null)?.code;
    const wait = (this.options.backoff ?? defaultBackoff)(this.attempt++);
    this.timer = setTimeout(() => {
      this.timer = null;
      const ready = code === UNAUTHORIZED && this.options.onUnauthorized
        ? this.options.onUnauthorized().catch(() => undefined)
        : Promise.resolve();
      void ready.then(() => {
        if (this.current !== 'stopped' && this.client === null && this.timer === null) {
          this.connect();
        }
      });
    }, wait);
  }

  private open(stream: ActiveStream, client: Client): void {
    const variables: Record<string, unknown> = { ...stream.spec.variables };
    if (stream.after !== null) {
      variables.after = stream.after;
    }
    stream.dispose = client.subscribe<Record<string, unknown>>({ query: stream.spec.query, variables }, {
      next: (result) => {
        if (result.data) {
          const seq = stream.spec.seqOf(result.data);
          if (stream.after !== null && seq <= stream.after) {
            return; // already delivered before a reconnect
          }
          stream.after = seq;
          stream.spec.onEvent(result.data);
        }
      },
      error: (error) => {
        // A closed socket is handled by `closed`; GraphQL errors come as an array.
        if (!Array.isArray(error) || client !== this.client) {
          return;
        }
        const codes = error.map((e) => (e as { extensions?: { code?: string } }).extensions?.code);
        if (codes.includes('REPLAY_WINDOW_EXCEEDED')) {
          stream.after = null;
          stream.spec.onResync?.();
          this.open(stream, client);
        }
      },
      complete: () => undefined,
    });
  }

  private dropClient(): void {
    for (const stream of this.streams.values()) {
      stream.dispose = null;
    }
    const client = this.client;
    this.client = null;
    void client?.dispose();
  }

  private clearTimer(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }

  private setStatus(status: LiveStatus): void {
    if (status !== this.current) {
      this.current = status;
      this.listeners.forEach((listener) => listener(status));
    }
  }
}
