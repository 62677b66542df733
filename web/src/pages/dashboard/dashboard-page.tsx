// Dashboard / Reports: MTTA and MTTR, the channels, alerts over time by severity, true/false positives per rule,
// training scores per analyst, and the scenario packs (Load / Reset for leads).
import { Paper, SimpleGrid, Text, Title } from '@mantine/core';
import { formatCount, formatDuration } from '../../components/ui/format.ts';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { useMe } from '../../hooks/use-auth.ts';
import { useAlertTimeline, useMetrics, useScenarios } from '../../hooks/use-metrics.ts';
import { AlertsChart } from './alerts-chart.tsx';
import { AnalystScores, RuleOutcomes } from './outcome-tables.tsx';
import { ScenarioList } from './scenario-list.tsx';

function Section({ title, children, note }: { title: string; children: React.ReactNode; note?: string }) {
  return (
    <Paper withBorder p="md">
      <Title order={5} mb={note ? 0 : 'xs'}>
        {title}
      </Title>
      {note && (
        <Text size="xs" c="dimmed" mb="xs">
          {note}
        </Text>
      )}
      {children}
    </Paper>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed" fw={700} tt="uppercase">
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

export function DashboardPage() {
  const metrics = useMetrics();
  const timeline = useAlertTimeline();
  const scenarios = useScenarios();
  const role = useMe().data?.user.role;

  if (metrics.isPending) return <LoadingState />;
  if (metrics.isError) return <ErrorState error={metrics.error} onRetry={() => void metrics.refetch()} />;
  const m = metrics.data;
  return (
    <>
      <PageHeader title="Dashboard" subtitle="How the queue is handled: time to own and to close, verdicts per rule, training scores." />
      <SimpleGrid cols={{ base: 2, md: 3, lg: 6 }} mb="md">
        <Stat label="MTTA (mean time to own)" value={formatDuration(m.mtta)} testId="mtta" />
        <Stat label="MTTR (mean time to close)" value={formatDuration(m.mttr)} testId="mttr" />
        <Stat label="Alerts" value={formatCount(m.alerts.total)} />
        <Stat label="Main Channel" value={formatCount(m.alerts.main)} />
        <Stat label="Investigation" value={formatCount(m.alerts.investigation)} />
        <Stat label="Closed" value={formatCount(m.alerts.closed)} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }} mb="md">
        <Section title="Alerts over time by severity">
          {timeline.isPending ? <LoadingState /> : timeline.isError ? <ErrorState error={timeline.error} /> : <AlertsChart timeline={timeline.data} />}
        </Section>
        <Section title="True and false positives per rule">
          <RuleOutcomes rules={m.rules} />
        </Section>
      </SimpleGrid>
      <SimpleGrid cols={1}>
        <Section title="Training scores per analyst">
          <AnalystScores analysts={m.analysts} />
        </Section>
        <Section title="Scenarios" note={role === 'analyst' ? 'Leads load and reset scenarios.' : undefined}>
          {scenarios.isPending ? (
            <LoadingState />
          ) : scenarios.isError ? (
            <ErrorState error={scenarios.error} onRetry={() => void scenarios.refetch()} />
          ) : (
            <ScenarioList scenarios={scenarios.data} canManage={role === 'lead' || role === 'admin'} />
          )}
        </Section>
      </SimpleGrid>
    </>
  );
}
