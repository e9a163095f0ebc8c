import { lazy, useMemo, type ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { Provider as GraphQlProvider } from 'urql';
import { createGraphQlClient } from './api/client';
import { adminPages } from './api/session';
import { LiveProvider } from './api/LiveContext';
import { SessionProvider, useSession } from './api/SessionContext';
import { Layout } from './components/Layout';
import { Loading } from './components/States';
import { OverviewScreen } from './screens/OverviewScreen';
import { LoginScreen } from './screens/LoginScreen';
import { NotFoundScreen } from './screens/NotFoundScreen';

// The overview is the landing screen; the others load when first opened.
const DistrictsScreen = lazy(() => import('./screens/DistrictsScreen').then((m) => ({ default: m.DistrictsScreen })));
const DistrictScreen = lazy(() => import('./screens/DistrictScreen').then((m) => ({ default: m.DistrictScreen })));
const IssuesScreen = lazy(() => import('./screens/IssuesScreen').then((m) => ({ default: m.IssuesScreen })));
const IssueScreen = lazy(() => import('./screens/IssueScreen').then((m) => ({ default: m.IssueScreen })));
const NewsScreen = lazy(() => import('./screens/NewsScreen').then((m) => ({ default: m.NewsScreen })));
const DatasetsScreen = lazy(() => import('./screens/DatasetsScreen').then((m) => ({ default: m.DatasetsScreen })));
const DatasetScreen = lazy(() => import('./screens/DatasetScreen').then((m) => ({ default: m.DatasetScreen })));
const SearchScreen = lazy(() => import('./screens/SearchScreen').then((m) => ({ default: m.SearchScreen })));
const ComplaintsScreen = lazy(() => import('./screens/ComplaintsScreen').then((m) => ({ default: m.ComplaintsScreen })));
const BriefingsScreen = lazy(() => import('./screens/BriefingsScreen').then((m) => ({ default: m.BriefingsScreen })));
const BriefingRoomScreen = lazy(() => import('./screens/BriefingRoomScreen').then((m) => ({ default: m.BriefingRoomScreen })));
const AdminFeedsScreen = lazy(() => import('./screens/admin/AdminFeedsScreen').then((m) => ({ default: m.AdminFeedsScreen })));
const AdminUsersScreen = lazy(() => import('./screens/admin/AdminUsersScreen').then((m) => ({ default: m.AdminUsersScreen })));
const AdminKeysScreen = lazy(() => import('./screens/admin/AdminKeysScreen').then((m) => ({ default: m.AdminKeysScreen })));
const AdminWebhooksScreen = lazy(() => import('./screens/admin/AdminWebhooksScreen').then((m) => ({ default: m.AdminWebhooksScreen })));

/** `/admin` opens the first admin page the viewer may see (feeds for staff, webhooks for partners). */
function AdminHome() {
  const { viewer } = useSession();
  return <Navigate to={`/admin/${adminPages(viewer)[0] ?? 'feeds'}`} replace />;
}

/** A fresh GraphQL client (and so an empty cache) for each viewer. */
function GraphQl({ children }: { children: ReactNode }) {
  const { viewer, loading } = useSession();
  const client = useMemo(() => createGraphQlClient(), [viewer.id, viewer.role]);
  if (loading) {
    return <Loading />;
  }
  return <GraphQlProvider value={client}>{children}</GraphQlProvider>;
}

/** The screens; every path here is also forwarded to index.html by the hub (WebClientRoutes). */
export function App() {
  return (
    <SessionProvider>
      <GraphQl>
        <LiveProvider fallback={<Loading />}>
          <Routes>
            <Route element={<Layout />}>
              <Route index element={<OverviewScreen />} />
              <Route path="districts" element={<DistrictsScreen />} />
              <Route path="districts/:id" element={<DistrictScreen />} />
              <Route path="issues" element={<IssuesScreen />} />
              <Route path="issues/:id" element={<IssueScreen />} />
              <Route path="news" element={<NewsScreen />} />
              <Route path="datasets" element={<DatasetsScreen />} />
              <Route path="datasets/:id" element={<DatasetScreen />} />
              <Route path="search" element={<SearchScreen />} />
              <Route path="complaints" element={<ComplaintsScreen />} />
              <Route path="briefings" element={<BriefingsScreen />} />
              <Route path="briefings/:id" element={<BriefingRoomScreen />} />
              <Route path="login" element={<LoginScreen />} />
              <Route path="admin" element={<AdminHome />} />
              <Route path="admin/feeds" element={<AdminFeedsScreen />} />
              <Route path="admin/users" element={<AdminUsersScreen />} />
              <Route path="admin/keys" element={<AdminKeysScreen />} />
              <Route path="admin/webhooks" element={<AdminWebhooksScreen />} />
              <Route path="*" element={<NotFoundScreen />} />
            </Route>
          </Routes>
        </LiveProvider>
      </GraphQl>
    </SessionProvider>
  );
}
