// Case Management: the open and the closed cases (GET /api/cases), each linking to its Incident Details; closed ones
// carry the verdict and training result of their alert. A case number opens one directly.
import { Button, Group, NumberInput, Paper, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import type { ClosedRow } from '../../api/types.ts';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { useClosedAlerts } from '../../hooks/use-alerts.ts';
import { useCaseList } from '../../hooks/use-cases.ts';
import { CaseTable } from './case-table.tsx';

export function CasesPage() {
  const open = useCaseList('open');
  const closed = useCaseList('closed');
  const outcomes = useClosedAlerts();
  const navigate = useNavigate();
  const [caseId, setCaseId] = useState<string | number>('');
  // the latest closed investigation of each alert (the list is newest first)
  const byEvent = useMemo(() => {
    const map = new Map<number, ClosedRow>();
    for (const row of outcomes.data ?? []) if (!map.has(row.eventId)) map.set(row.eventId, row);
    return map;
  }, [outcomes.data]);

  return (
    <>
      <PageHeader title="Case Management" subtitle="Open and closed cases; a case holds the playbook run of one alert.">
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
        ) : open.data.length === 0 ? (
          <EmptyState>No open case: take ownership of an alert in Monitoring, then create its case.</EmptyState>
        ) : (
          <CaseTable cases={open.data} />
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
          <CaseTable cases={closed.data} closed={byEvent} />
        )}
      </Paper>
    </>
  );
}
