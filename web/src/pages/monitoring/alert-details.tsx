// An expanded alert: its fields as `label : value` lines (PRODUCT.md §3), MITRE techniques, the hint, and a deep link.
import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Alert } from '../../api/types.ts';
import { FieldLines } from '../../components/ui/field-lines.tsx';
import { formatDate } from '../../components/ui/format.ts';

/** Event Time is shown as the simulator shows dates; every other value as the server sent it. */
export function displayFields(alert: Pick<Alert, 'fields'>) {
  return alert.fields.map((f) => (f.label === 'Event Time' && f.value ? { label: f.label, value: formatDate(f.value) } : f));
}

export function AlertDetails({ alert }: { alert: Alert }) {
  return (
    <Stack gap="xs" py={4} data-testid={`alert-details-${alert.eventId}`}>
      <FieldLines fields={displayFields(alert)} />
      {alert.mitre.length > 0 && (
        <Group gap={6}>
          <Text size="xs" c="dimmed">
            MITRE ATT&CK
          </Text>
          {alert.mitre.map((t) => (
            <Badge key={t} variant="outline" size="xs" radius="sm">
              {t}
            </Badge>
          ))}
        </Group>
      )}
      {alert.hint && (
        <Text size="sm" c="dimmed" fs="italic">
          Hint: {alert.hint}
        </Text>
      )}
      <Anchor component={Link} to={`/alerts/${alert.eventId}`} size="sm">
        Open alert page
      </Anchor>
    </Stack>
  );
}
