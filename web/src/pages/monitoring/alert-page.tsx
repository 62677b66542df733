// One alert's page (deep link /alerts/:eventId): fields, MITRE, hint, the events that raised it, and the channel's actions.
import { Anchor, Badge, Breadcrumbs, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { FieldLines } from '../../components/ui/field-lines.tsx';
import { formatDate } from '../../components/ui/format.ts';
import { RawLog } from '../../components/ui/raw-log.tsx';
import { SeverityBadge } from '../../components/ui/severity-badge.tsx';
import { ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { useAlert } from '../../hooks/use-alerts.ts';
import { InvestigationActions, ReinvestigateButton, TakeOwnershipButton } from './alert-actions.tsx';
import { displayFields } from './alert-details.tsx';
import { CloseAlertDialog } from './close-alert-dialog.tsx';

const CHANNEL_LABEL: Record<string, string> = { main: 'Main Channel', investigation: 'Investigation Channel', closed: 'Closed' };

export function AlertPage() {
  const eventId = Number(useParams().eventId);
  const alert = useAlert(eventId);
  const [closing, setClosing] = useState<number | null>(null);

  if (alert.isPending) return <LoadingState />;
  if (alert.isError) return <ErrorState error={alert.error} onRetry={() => void alert.refetch()} />;
  const a = alert.data;
  return (
    <Stack gap="md" maw={1100}>
      <Breadcrumbs>
        <Anchor component={Link} to="/monitoring" size="sm">
          Monitoring
        </Anchor>
        <Text size="sm">EventID {a.eventId}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={3}>
            EventID: {a.eventId} - {a.rule.code ? `${a.rule.code} - ${a.rule.name}` : a.rule.name}
          </Title>
          <Group gap="xs" mt={6}>
            <SeverityBadge severity={a.severity} />
            <Badge variant="outline" color="gray" size="sm">
              {a.type}
            </Badge>
            <Badge variant="light" size="sm">
              {CHANNEL_LABEL[a.channel] ?? a.channel}
            </Badge>
            <Text size="sm" c="dimmed">
              {formatDate(a.eventTime)} · owner {a.owner ?? 'nobody'}
            </Text>
          </Group>
        </div>
        {a.channel === 'main' && <TakeOwnershipButton eventId={a.eventId} />}
        {a.channel === 'investigation' && <InvestigationActions eventId={a.eventId} onClose={setClosing} />}
        {a.channel === 'closed' && <ReinvestigateButton eventId={a.eventId} />}
      </Group>
      <Paper withBorder p="md">
        <FieldLines fields={displayFields(a)} />
        {a.hint && (
          <Text size="sm" c="dimmed" fs="italic" mt="sm">
            Hint: {a.hint}
          </Text>
        )}
        <Text size="xs" c="dimmed" mt="xs">
          MITRE {a.mitre.join(', ') || '—'} · Trigger: {a.trigger}
        </Text>
      </Paper>
      <Title order={5}>Events ({a.events.length})</Title>
      {a.events.map((event) => (
        <Paper key={event.id} withBorder p="md">
          <Group justify="space-between" mb="xs">
            <Text size="sm" fw={600}>
              RAW LOG · {formatDate(event.timestamp)}
            </Text>
            <Anchor component={Link} to={`/logs?mode=query&q=${encodeURIComponent(`source.ip:${String(event.fields['source.ip'] ?? '*')}`)}`} size="xs">
              Search the source in Log Management
            </Anchor>
          </Group>
          <RawLog raw={event.raw} fields={event.fields as Record<string, unknown>} />
        </Paper>
      ))}
      <CloseAlertDialog eventId={closing} onDone={() => setClosing(null)} />
    </Stack>
  );
}
