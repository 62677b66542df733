// The Closed Alerts tab: the closed investigations, filtered here by the same filters as the open channels.
import type { UseQueryResult } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { ClosedRow } from '../../api/types.ts';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/states.tsx';
import type { AlertFilters } from '../../hooks/use-alerts.ts';
import { ClosedTable } from './closed-table.tsx';
import { useListKeys } from './use-list-keys.ts';

export function matchesFilters(row: ClosedRow, filters: AlertFilters): boolean {
  const closedAt = new Date(row.dateClosed).getTime();
  const text = filters.text?.toLowerCase();
  return (
    (!filters.severity || row.severity === filters.severity) &&
    (!filters.type || row.type === filters.type) &&
    (!filters.rule || row.rule.toLowerCase().includes(filters.rule.toLowerCase())) &&
    (filters.from === undefined || closedAt >= filters.from) &&
    (filters.to === undefined || closedAt < filters.to) &&
    (!text || [row.rule, row.verdict, row.note, String(row.eventId), row.owner].some((v) => v.toLowerCase().includes(text)))
  );
}

export function ClosedView({ query, filters }: { query: UseQueryResult<ClosedRow[]>; filters: AlertFilters }) {
  const navigate = useNavigate();
  const rows = (query.data ?? []).filter((row) => matchesFilters(row, filters));
  const keys = useListKeys(
    rows.map((r) => r.investigationId),
    [],
    (id) => {
      const row = rows.find((r) => r.investigationId === id);
      if (row) void navigate(`/alerts/${row.eventId}`);
    },
  );
  if (query.isPending) return <LoadingState label="Loading closed alerts…" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (rows.length === 0) return <EmptyState>No closed alert yet.</EmptyState>;
  return <ClosedTable rows={rows} selected={keys.selected} expanded={keys.expanded} onSelect={keys.setSelected} onToggle={keys.toggle} />;
}
