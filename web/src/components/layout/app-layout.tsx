// The signed-in shell: sidebar, header, and the session rules (no session → login with the place kept; 403 → "permission denied").
import { AppShell, Burger, Center, Group, NavLink, ScrollArea, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { isApiError } from '../../api/errors.ts';
import { onForbidden, onUnauthorized } from '../../api/session-events.ts';
import { useMe } from '../../hooks/use-auth.ts';
import { ErrorState, LoadingState } from '../ui/states.tsx';
import { Logo } from './logo.tsx';
import { NAV_LINKS } from './nav-links.ts';
import { loginPath } from './return-to.ts';
import { ThemeToggle } from './theme-toggle.tsx';
import { UserMenu } from './user-menu.tsx';

export function AppLayout() {
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [opened, { toggle }] = useDisclosure();
  const here = `${location.pathname}${location.search}`;

  useEffect(() => {
    onUnauthorized(() => {
      client.clear();
      void navigate(loginPath(`${window.location.pathname}${window.location.search}`), { replace: true });
    });
    onForbidden((error) => notifications.show({ id: 'forbidden', color: 'orange', title: 'Permission denied', message: error.message }));
    return () => {
      onUnauthorized(null);
      onForbidden(null);
    };
  }, [client, navigate]);

  if (me.isPending) return <LoadingState label="Opening Watchfloor…" />;
  if (me.isError) {
    if (isApiError(me.error) && me.error.status === 401) return <Navigate to={loginPath(here)} replace />;
    return (
      <Center h="100%" p="xl">
        <ErrorState error={me.error} onRetry={() => void me.refetch()} title="Watchfloor cannot reach its server" />
      </Center>
    );
  }

  return (
    <AppShell header={{ height: 48 }} navbar={{ width: 212, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" />
            <Logo />
          </Group>
          <Group gap="md">
            <Text size="xs" c="dimmed" visibleFrom="md">
              Press <kbd>?</kbd> for shortcuts
            </Text>
            <ThemeToggle />
            <UserMenu session={me.data} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <ScrollArea>
          {NAV_LINKS.map((link) => (
            <NavLink
              key={link.to}
              component={Link}
              to={link.to}
              label={link.label}
              leftSection={<link.icon size={18} stroke={1.6} />}
              active={location.pathname.startsWith(link.to) || (link.to === '/monitoring' && location.pathname.startsWith('/alerts'))}
              style={{ borderRadius: 6 }}
            />
          ))}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
