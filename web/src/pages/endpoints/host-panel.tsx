// One host: Host Information, its agent state, the containment switch, and the tabs with counts.
import { Alert, Badge, Group, Paper, SimpleGrid, Tabs, Text, Title } from '@mantine/core';
import { IconPlugConnectedX } from '@tabler/icons-react';
import type { HostDetail } from '../../api/types.ts';
import { formatDate } from '../../components/ui/format.ts';
import { ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { useHost } from '../../hooks/use-hosts.ts';
import { ContainmentSwitch } from './containment-switch.tsx';
import { BrowserTable, NetworkTable, TerminalTable } from './history-tables.tsx';
import { HostStateBadge } from './host-state.tsx';
import { ProcessTable } from './process-table.tsx';

export function HostPanel({ hostname }: { hostname: string }) {
  const host = useHost(hostname);
  if (host.isPending) return <LoadingState />;
  if (host.isError) return <ErrorState error={host.error} onRetry={() => void host.refetch()} />;
  const h = host.data;
  return (
    <>
      <Paper withBorder p="md" mb="md">
        <Group justify="space-between" align="flex-start" mb="sm">
          <Group gap="sm">
            <Title order={4}>{h.hostname}</Title>
            <HostStateBadge state={h.state} testId="host-panel-state" />
          </Group>
          <ContainmentSwitch host={h} />
        </Group>
        <AgentNotice host={h} />
        <Text size="xs" c="dimmed" fw={700} tt="uppercase" mb={6}>
          Host Information
        </Text>
        <SimpleGrid cols={{ base: 2, lg: 4 }} spacing="sm" verticalSpacing="xs" data-testid="host-info">
          {infoFields(h).map((f) => (
            <div key={f.label}>
              <Text size="xs" c="dimmed">
                {f.label}
              </Text>
              <Text size="sm" fw={500}>
                {f.value}
              </Text>
            </div>
          ))}
        </SimpleGrid>
      </Paper>
      <Paper withBorder>
        <Tabs defaultValue="processes" keepMounted={false}>
          <Tabs.List px="xs">
            <CountTab value="processes" label="Processes" count={h.counts.processes} />
            <CountTab value="network" label="Network Action" count={h.counts.network} />
            <CountTab value="terminal" label="Terminal History" count={h.counts.terminal} />
            <CountTab value="browser" label="Browser History" count={h.counts.browser} />
          </Tabs.List>
          <Tabs.Panel value="processes">
            <ProcessTable processes={h.processes} />
          </Tabs.Panel>
          <Tabs.Panel value="network">
            <NetworkTable rows={h.network} />
          </Tabs.Panel>
          <Tabs.Panel value="terminal">
            <TerminalTable rows={h.terminal} />
          </Tabs.Panel>
          <Tabs.Panel value="browser">
            <BrowserTable rows={h.browser} />
          </Tabs.Panel>
        </Tabs>
      </Paper>
    </>
  );
}

function infoFields(h: HostDetail): { label: string; value: string }[] {
  const { info } = h;
  return [
    { label: 'Hostname', value: h.hostname },
    { label: 'Domain', value: info.domain ?? '—' },
    { label: 'IP Address', value: h.ip },
    { label: 'Bit Level', value: info.bits ? `${info.bits}` : '—' },
    { label: 'OS', value: info.os ?? '—' },
    { label: 'Primary User', value: info.primaryUser ?? '—' },
    { label: 'Client/Server', value: info.role === 'server' ? 'Server' : info.role === 'client' ? 'Client' : '—' },
    { label: 'Last Login', value: formatDate(info.lastLogin) },
  ];
}

function AgentNotice({ host }: { host: HostDetail }) {
  if (host.agent === 'running') return null;
  const none = host.agent === 'none';
  return (
    <Alert color={none ? 'gray' : 'red'} variant="light" icon={<IconPlugConnectedX size={18} />} title={none ? 'No Agent Installed' : 'Agent Down'} mb="sm" data-testid="agent-notice">
      {none
        ? 'This host has no endpoint agent: no live data, and it cannot be contained.'
        : 'The endpoint agent is not reporting: the tabs show what it sent last, and the host cannot be contained until the agent is back.'}
    </Alert>
  );
}

function CountTab({ value, label, count }: { value: string; label: string; count: number }) {
  return (
    <Tabs.Tab value={value} fz="xs" fw={600}>
      <Group gap={6}>
        <Text size="xs" fw={600} inherit>
          {label}
        </Text>
        <Badge size="xs" variant="light" color="gray">
          {count}
        </Badge>
      </Group>
    </Tabs.Tab>
  );
}
