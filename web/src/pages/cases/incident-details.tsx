// Incident Details: Incident Name, Description, Incident Type, Created Date, and who owns the case.
import { Badge, Paper, Title } from '@mantine/core';
import type { CaseView } from '../../api/types.ts';
import { FieldLines } from '../../components/ui/field-lines.tsx';
import { formatDate } from '../../components/ui/format.ts';

export function IncidentDetails({ kase }: { kase: CaseView }) {
  return (
    <Paper withBorder p="md" data-testid="incident-details">
      <Title order={5} mb="sm">
        Incident Details{' '}
        <Badge ml="xs" size="sm" variant="light" color={kase.status === 'open' ? 'blue' : 'gray'}>
          {kase.status}
        </Badge>
      </Title>
      <FieldLines
        labelWidth={140}
        mono={false}
        fields={[
          { label: 'Incident Name', value: kase.name },
          { label: 'Description', value: kase.description },
          { label: 'Incident Type', value: kase.type },
          { label: 'Created Date', value: formatDate(kase.createdAt) },
          { label: 'Owner', value: kase.owner },
          { label: 'Playbook', value: kase.playbook.name },
        ]}
      />
    </Paper>
  );
}
