// Case Management: the open cases (alerts under investigation) and the closed ones with their results.
// The API has no case list yet, so the list is built from the Investigation Channel and Closed Alerts.
import { Anchor, Badge, Button, Group, NumberInput, Paper, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { formatDate } from '../../components/ui/format.ts';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { ResultMark } from '../../components/ui/result-mark.tsx';
import { SeverityBadge } from '../../components/ui/severity-badge.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { useAlerts, useClosedAlerts } from '../../hooks/use-alerts.ts';
import { useOpenCase } from '../monitoring/alert-actions.tsx';

export function CasesPage() {
  const open = useAlerts('investigation', {});
  const closed = useClosedAlerts();
  const { open: openCase, pending } = useOpenCase();
  const navigate = useNavigate();
  const [caseId, setCaseId] = useState<string | number>('');

  return (
    <>
      <PageHeader title="Case Management" subtitle="Cases of the alerts under investigation, and the closed ones.">
        <Group
          gap={6}
          component="form"
          onSubmit={(e: React.FormEvent) => {
            e.preventDefault();
            if (Number(caseId) > 0) void navigate(`/cases/${Number(caseId)}`);
          }}
        >
          <NumberInput aria-label="Case number" placeholder="Case #" value={caseId} onChange={setCaseId} min={1} w={110} size="xs" hideControls />
          <Button type="submit" variant="default">
            Open
          </Button>
        </Group>
      </PageHeader>
      <Paper withBorder p="md" mb="md">
        <Title order={5} mb="xs">
          Open
        </Title>
        {open.isPending ? (
          <LoadingState />
        ) : open.isError ? (
          <ErrorState error={open.error} onRetry={() => void open.refetch()} />
        ) : open.data.alerts.length === 0 ? (
          <EmptyState>No open case: take ownership of an alert in Monitoring, then create its case.</EmptyState>
        ) : (
          <Table highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                {['SEVERITY', 'INCIDENT', 'TYPE', 'OWNER', 'EVENT TIME', ''].map((h) => (
                  <Table.Th key={h} fz="xs" c="dimmed">
                    {h}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {open.data.alerts.map((a) => (
                <Table.Tr key={a.eventId}>
                  <Table.Td>
                    <SeverityBadge severity={a.severity} />
                  </Table.Td>
                  <Table.Td>
                    EventID: {a.eventId} - [{a.rule.code ? `${a.rule.code} - ${a.rule.name}` : a.rule.name}]
                  </Table.Td>
                  <Table.Td>{a.type}</Table.Td>
                  <Table.Td>{a.owner}</Table.Td>
                  <Table.Td>{formatDate(a.eventTime)}</Table.Td>
                  <Table.Td>
                    <Button variant="light" loading={pending} onClick={() => openCase(a.eventId)}>
                      Open case
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      <Paper withBorder p="md">
        <Title order={5} mb="xs">
          Closed
        </Title>
        {closed.isPending ? (
          <LoadingState />
        ) : closed.isError ? (
          <ErrorState error={closed.error} onRetry={() => void closed.refetch()} />
        ) : closed.data.length === 0 ? (
          <EmptyState>No closed case yet.</EmptyState>
        ) : (
          <Table highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                {['SEVERITY', 'INCIDENT', 'TYPE', 'OWNER', 'CLOSED', 'VERDICT', 'RESULT', 'SCORE'].map((h) => (
                  <Table.Th key={h} fz="xs" c="dimmed">
                    {h}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {closed.data.map((row) => (
                <Table.Tr key={row.investigationId}>
                  <Table.Td>
                    <SeverityBadge severity={row.severity} />
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/alerts/${row.eventId}`} size="sm">
                      EventID: {row.eventId} - [{row.rule}]
                    </Anchor>
                    {row.reinvestigated && (
                      <Badge ml={6} size="xs" variant="outline" color="gray">
                        re-investigated
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{row.type}</Table.Td>
                  <Table.Td>{row.owner}</Table.Td>
                  <Table.Td>{formatDate(row.dateClosed)}</Table.Td>
                  <Table.Td>{row.verdict}</Table.Td>
                  <Table.Td>
                    <ResultMark result={row.result} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{row.score ? `${row.score.total} pts` : '—'}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </>
  );
}
