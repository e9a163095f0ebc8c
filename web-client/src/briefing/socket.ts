import { createClient, type Client } from 'graphql-ws';
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { webSocketUrl } from '../api/client';

/**
 * The briefing room's own GraphQL WebSocket (graphql-transport-ws at /graphql, authenticated by the
 * browser's session cookie at the handshake). Joining, chat, hands, slides and WebRTC signals are
 * mutations on it; the room's events a subscription. Closing it (leaving the page, a crash) takes
 * the participant out of the room at once; heartbeats cover a socket that hangs without closing.
 */
export class RoomSocket {
  private readonly client: Client;

  constructor(url: string = webSocketUrl()) {
    this.client = createClient({ url, lazy: false, retryAttempts: 5, keepAlive: 10_000 });
  }

  /** Runs one mutation or query; rejects on GraphQL errors. */
  run<TData, TVariables extends Record<string, unknown>>(document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables): Promise<TData> {
    return new Promise((resolve, reject) => {
      let data: TData | null = null;
      this.client.subscribe<TData>({ query: print(document), variables }, {
        next: (result) => {
          if (result.errors?.length) {
            reject(new Error(result.errors.map((e) => e.message).join('; ')));
          } else {
            data = result.data as TData;
          }
        },
        error: (error) => reject(error instanceof Error ? error : new Error(String((error as { reason?: string }).reason ?? error))),
        complete: () => (data === null ? reject(new Error('no answer')) : resolve(data)),
      });
    });
  }

  /** Subscribes; returns the function that ends the subscription. */
  subscribe<TData, TVariables extends Record<string, unknown>>(document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables, onData: (data: TData) => void, onError: (error: unknown) => void): () => void {
    return this.client.subscribe<TData>({ query: print(document), variables }, {
      next: (result) => {
        if (result.errors?.length) {
          onError(new Error(result.errors.map((e) => e.message).join('; ')));
        } else if (result.data) {
          onData(result.data as TData);
        }
      },
      error: onError,
      complete: () => undefined,
    });
  }

  close(): void {
    void this.client.dispose();
  }
}
