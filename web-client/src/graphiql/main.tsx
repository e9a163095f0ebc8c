import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { createClient } from 'graphql-ws';
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { fetchViewer, writeHeaders } from '../api/session';
import { webSocketUrl } from '../api/client';

/**
 * GraphiQL bundled with the hub (Spring's own page loads its scripts from a CDN, which an offline
 * hub cannot reach). It speaks for the browser's session: HTTP requests carry the session cookie
 * and the CSRF header, the WebSocket for subscriptions carries the cookie at its handshake.
 */
const DEFAULT_QUERY = `# CityGraph GraphQL API. Log in at / to query as staff; this page uses that session.
{
  byDistrict: issueCounts(by: DISTRICT, filter: { openOnly: true }) { key label count }
  issues(first: 5, filter: { openOnly: true }, orderBy: { field: SEVERITY, direction: DESC }) {
    totalCount
    nodes { id title severity status districts { name } owner { name } }
  }
}

# Live: run this, then change an issue's status in another tab.
# subscription { issueChanged { seq kind issue { id title status } } }
`;

const fetcher = createGraphiQLFetcher({
  url: '/graphql',
  fetch: (input, init) => fetch(input, {
    ...init,
    credentials: 'same-origin',
    headers: { ...(init?.headers as Record<string, string> | undefined), ...writeHeaders() },
  }),
  wsClient: createClient({ url: webSocketUrl(), lazy: true, retryAttempts: 5 }),
});

// Makes the hub set the XSRF-TOKEN cookie before the first mutation.
void fetchViewer().catch(() => undefined);

createRoot(document.getElementById('graphiql')!).render(
  <StrictMode>
    <GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} />
  </StrictMode>,
);
