// Monitoring: MAIN CHANNEL · INVESTIGATION CHANNEL · CLOSED ALERTS, filters in the URL, live by polling, keyboard driven.
import { ActionIcon, Badge, Group, Paper, Tabs, Text, Tooltip } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconKeyboard } from '@tabler/icons-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { Channel } from '../../api/types.ts';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { useAlerts, useClosedAlerts } from '../../hooks/use-alerts.ts';
import { AlertFilterBar } from './alert-filters.tsx';
import { ChannelView } from './channel-view.tsx';
import { ClosedView } from './closed-view.tsx';
import { CloseAlertDialog } from './close-alert-dialog.tsx';
import { readFilters, readTab, TABS, writeFilters } from './monitoring-params.ts';
import { ShortcutsHelp } from './shortcuts-help.tsx';

export function MonitoringPage() {
  const [params, setParams] = useSearchParams();
  const tab = readTab(params);
  const filters = readFilters(params);
  const [help, setHelp] = useState(false);
  const [closing, setClosing] = useState<number | null>(null);
  const main = useAlerts('main', filters);
  const investigation = useAlerts('investigation', filters);
  const closed = useClosedAlerts(filters.owner);

  const setTab = (value: Channel) => {
    const next = new URLSearchParams(params);
    if (value === 'main') next.delete('tab');
    else next.set('tab', value);
    setParams(next);
  };
  useHotkeys([
    ['shift+?', () => setHelp(true)],
    ['shift+/', () => setHelp(true)],
    ['1', () => setTab('main')],
    ['2', () => setTab('investigation')],
    ['3', () => setTab('closed')],
  ]);

  const counts: Record<Channel, number | undefined> = { main: main.data?.total, investigation: investigation.data?.total, closed: closed.data?.length };

  return (
    <>
      <PageHeader title="Monitoring" subtitle="Alerts raised by the rules, from the queue to the verdict.">
        <Tooltip label="Keyboard shortcuts (?)">
          <ActionIcon variant="subtle" color="gray" aria-label="Keyboard shortcuts" onClick={() => setHelp(true)}>
            <IconKeyboard size={18} />
          </ActionIcon>
        </Tooltip>
      </PageHeader>
      <AlertFilterBar filters={filters} onChange={(next) => setParams(writeFilters(params, next))} />
      <Paper withBorder radius="sm">
        <Tabs value={tab} onChange={(v) => v && setTab(v as Channel)} keepMounted={false}>
          <Tabs.List px="xs">
            {TABS.map((t) => (
              <Tabs.Tab key={t.value} value={t.value} fz="xs" fw={600}>
                <Group gap={6}>
                  <Text size="xs" fw={600} inherit>
                    {t.label}
                  </Text>
                  {counts[t.value] !== undefined && (
                    <Badge size="xs" variant="light" color="gray" circle={false}>
                      {counts[t.value]}
                    </Badge>
                  )}
                </Group>
              </Tabs.Tab>
            ))}
          </Tabs.List>
          <Tabs.Panel value="main">
            <ChannelView channel="main" query={main} onClose={setClosing} />
          </Tabs.Panel>
          <Tabs.Panel value="investigation">
            <ChannelView channel="investigation" query={investigation} onClose={setClosing} />
          </Tabs.Panel>
          <Tabs.Panel value="closed">
            <ClosedView query={closed} filters={filters} />
          </Tabs.Panel>
        </Tabs>
      </Paper>
      <CloseAlertDialog eventId={closing} onDone={() => setClosing(null)} />
      <ShortcutsHelp opened={help} onClose={() => setHelp(false)} />
    </>
  );
}
