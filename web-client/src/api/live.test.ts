import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Client, ClientOptions, Sink } from 'graphql-ws';
import { LiveConnection, type LiveStatus } from './live';

/** A stand-in for graphql-ws clients: records subscriptions and lets the test play the server. */
class FakeServer {
  clients: FakeClient[] = [];
  make = (options: ClientOptions): Client => {
    const client = new FakeClient(options);
    this.clients.push(client);
    return client as unknown as Client;
  };
  get current(): FakeClient {
    return this.clients[this.clients.length - 1];
  }
}

class FakeClient {
  subscriptions: { variables: Record<string, unknown>; sink: Sink }[] = [];
  disposed = false;
  constructor(readonly options: ClientOptions) {}
  subscribe(payload: { variables?: Record<string, unknown> }, sink: Sink) {
    const entry = { variables: payload.variables ?? {}, sink };
    this.subscriptions.push(entry);
    return () => {
      this.subscriptions = this.subscriptions.filter((s) => s !== entry);
    };
  }
  dispose() {
    this.disposed = true;
  }
  connect() {
    (this.options.on?.connected as (() => void) | undefined)?.();
  }
  close(code: number) {
    (this.options.on?.closed as ((event: unknown) => void) | undefined)?.({ code });
  }
  emit(seq: number) {
    this.subscriptions.forEach((s) => s.sink.next({ data: { event: { seq } } }));
  }
}

describe('LiveConnection', () => {
  let server: FakeServer;
  let statuses: LiveStatus[];
  let received: number[];
  let live: LiveConnection;
  let unauthorized: ReturnType<typeof vi.fn>;

  beforeEach(() => {
    vi.useFakeTimers();
    server = new FakeServer();
    statuses = [];
    received = [];
    unauthorized = vi.fn(() => Promise.resolve());
    live = new LiveConnection({ url: 'ws://hub/graphql', createClient: server.make, backoff: () => 1000, onUnauthorized: unauthorized });
    live.onStatus((s) => statuses.push(s));
    live.subscribe<{ event: { seq: number } }>({
      query: 'subscription { event { seq } }',
      variables: { filter: { kinds: ['CREATED'] } },
      seqOf: (data) => data.event.seq,
      onEvent: (data) => received.push(data.event.seq),
    });
  });

  afterEach(() => {
    live.stop();
    vi.useRealTimers();
  });

  it('connects and delivers events', () => {
    live.start();
    server.current.connect();
    server.current.emit(5);
    server.current.emit(6);
    expect(received).toEqual([5, 6]);
    expect(statuses).toEqual(['connecting', 'connected']);
    expect(server.current.subscriptions[0].variables).toEqual({ filter: { kinds: ['CREATED'] } });
  });

  it('reconnects after a close and resumes after the last sequence number, without duplicates', async () => {
    live.start();
    server.current.connect();
    server.current.emit(7);
    server.current.close(1006);
    expect(statuses.at(-1)).toBe('reconnecting');
    expect(server.clients[0].disposed).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.clients).toHaveLength(2);
    expect(server.current.subscriptions[0].variables).toEqual({ filter: { kinds: ['CREATED'] }, after: 7 });
    server.current.connect();
    server.current.emit(7); // replayed twice by a slow server: shown once
    server.current.emit(8);
    expect(received).toEqual([7, 8]);
    expect(statuses.at(-1)).toBe('connected');
  });

  it('renews the session before reconnecting when the token expired (4401)', async () => {
    live.start();
    server.current.connect();
    server.current.close(4401);
    await vi.advanceTimersByTimeAsync(1000);
    await vi.waitFor(() => expect(server.clients).toHaveLength(2));
    expect(unauthorized).toHaveBeenCalledTimes(1);
  });

  it('starts over from the current state when the hub no longer keeps the events', () => {
    const resync = vi.fn();
    live.subscribe<{ event: { seq: number } }>({
      query: 'subscription { event { seq } }',
      after: 3,
      seqOf: (data) => data.event.seq,
      onEvent: () => undefined,
      onResync: resync,
    });
    live.start();
    const second = server.current.subscriptions[1];
    expect(second.variables).toEqual({ after: 3 });
    second.sink.error([{ message: 'gone', extensions: { code: 'REPLAY_WINDOW_EXCEEDED' } }]);
    expect(resync).toHaveBeenCalled();
    expect(server.current.subscriptions.at(-1)!.variables).toEqual({});
  });

  it('unsubscribes and stops', async () => {
    live.start();
    server.current.connect();
    live.stop();
    expect(statuses.at(-1)).toBe('stopped');
    server.clients[0].close(1000);
    await vi.advanceTimersByTimeAsync(5000);
    expect(server.clients).toHaveLength(1);
  });
});
