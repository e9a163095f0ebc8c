import { Client, cacheExchange, fetchExchange } from '@urql/core';
import { writeHeaders } from './session';

/**
 * A GraphQL client for the hub at /graphql. Queries go as GET when short enough; mutations as POST
 * with the CSRF header that cookie-authenticated writes need. A new client is made for each viewer,
 * so that nothing cached for one account is shown to another.
 */
export function createGraphQlClient(): Client {
  return new Client({
    url: '/graphql',
    exchanges: [cacheExchange, fetchExchange],
    requestPolicy: 'cache-and-network',
    fetchOptions: () => ({ credentials: 'same-origin', headers: writeHeaders() }),
  });
}

/** The WebSocket URL of the hub's subscriptions, on the page's own origin. */
export function webSocketUrl(location: Location = window.location): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/graphql`;
}
