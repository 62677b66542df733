// Every page has a URL: alerts, cases and searches are deep links. Pages load on demand.
import { createBrowserRouter, Navigate } from 'react-router';
import { AppLayout } from './components/layout/app-layout.tsx';
import { RouteError } from './components/layout/route-error.tsx';
import { LoginPage } from './pages/login/login-page.tsx';
import { LoadingState } from './components/ui/states.tsx';

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
  {
    path: '/',
    element: <AppLayout />,
    errorElement: <RouteError />,
    hydrateFallbackElement: <LoadingState />,
    children: [
      { index: true, element: <Navigate to="/monitoring" replace /> },
      { path: 'monitoring', lazy: async () => ({ Component: (await import('./pages/monitoring/monitoring-page.tsx')).MonitoringPage }) },
      { path: 'alerts/:eventId', lazy: async () => ({ Component: (await import('./pages/monitoring/alert-page.tsx')).AlertPage }) },
      { path: 'logs', lazy: async () => ({ Component: (await import('./pages/logs/logs-page.tsx')).LogsPage }) },
      { path: 'cases', lazy: async () => ({ Component: (await import('./pages/cases/cases-page.tsx')).CasesPage }) },
      { path: 'cases/:caseId', lazy: async () => ({ Component: (await import('./pages/cases/case-page.tsx')).CasePage }) },
      { path: 'endpoints', lazy: async () => ({ Component: (await import('./pages/endpoints/endpoints-page.tsx')).EndpointsPage }) },
      { path: 'endpoints/:hostname', lazy: async () => ({ Component: (await import('./pages/endpoints/endpoints-page.tsx')).EndpointsPage }) },
      { path: 'email', lazy: async () => ({ Component: (await import('./pages/email/email-page.tsx')).EmailPage }) },
      { path: 'email/:id', lazy: async () => ({ Component: (await import('./pages/email/email-page.tsx')).EmailPage }) },
      { path: 'intel', lazy: async () => ({ Component: (await import('./pages/intel/intel-page.tsx')).IntelPage }) },
      { path: 'sandbox', lazy: async () => ({ Component: (await import('./pages/sandbox/sandbox-page.tsx')).SandboxPage }) },
      { path: 'dashboard', lazy: async () => ({ Component: (await import('./pages/dashboard/dashboard-page.tsx')).DashboardPage }) },
      { path: 'settings', lazy: async () => ({ Component: (await import('./pages/settings/settings-page.tsx')).SettingsPage }) },
      { path: '*', lazy: async () => ({ Component: (await import('./pages/not-found-page.tsx')).NotFoundPage }) },
    ],
  },
]);
