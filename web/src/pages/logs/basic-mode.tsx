// Basic mode: quick search, per-column filters, and the table DATE · TYPE · SRC ADDRESS · SRC PORT · DEST. ADDRESS · DEST. PORT · RAW, by pages.
import { Button, Group, Pagination, Paper, Select, Table, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import type { LogEvent } from '../../api/types.ts';
import { countOf, formatDate } from '../../components/ui/format.ts';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { useLogPage, type LogQuery } from '../../hooks/use-logs.ts';
import { eventType, term } from './log-params.ts';
import { RawLogModal } from './raw-log-modal.tsx';

const COLUMNS: { key: keyof ColumnFilters; field: string; label: string; width: number }[] = [
  { key: 'type', field: 'type', label: 'TYPE', width: 120 },
  { key: 'src', field: 'source.ip', label: 'SRC ADDRESS', width: 150 },
  { key: 'srcPort', field: 'source.port', label: 'SRC PORT', width: 90 },
  { key: 'dst', field: 'destination.ip', label: 'DEST. ADDRESS', width: 150 },
  { key: 'dstPort', field: 'destination.port', label: 'DEST. PORT', width: 90 },
];

interface ColumnFilters {
  type: string;
  src: string;
  srcPort: string;
  dst: string;
  dstPort: string;
}

const EMPTY: ColumnFilters = { type: '', src: '', srcPort: '', dst: '', dstPort: '' };

/** The quick search and column filters as one query: free text AND field:value per filled column. */
export function basicQuery(text: string, filters: ColumnFilters): string {
  const clauses = text.trim() ? [text.trim()] : [];
  for (const column of COLUMNS) {
    const value = filters[column.key].trim();
    if (value) clauses.push(column.key === 'type' ? `type:*${value.toLowerCase().replace(/[^a-z0-9._-]/g, '')}*` : term(column.field, value));
  }
  return clauses.join(' AND ');
}

export function BasicMode({ query, onSearch }: { query: LogQuery; onSearch: (q: string) => void }) {
  const [text, setText] = useState(query.q);
  const [filters, setFilters] = useState<ColumnFilters>(EMPTY);
  const [pageSize, setPageSize] = useState(25);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState(1);
  const [raw, setRaw] = useState<LogEvent | null>(null);
  const result = useLogPage(query, pageSize, cursors[page - 1]);

  const search = (event?: React.FormEvent) => {
    event?.preventDefault();
    setCursors([undefined]);
    setPage(1);
    onSearch(basicQuery(text, filters));
  };
  const total = result.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const goTo = (next: number) => {
    if (next > cursors.length) {
      const cursor = result.data?.nextCursor;
      if (!cursor) return;
      setCursors((current) => [...current, cursor]);
    }
    setPage(next);
  };

  return (
    <>
      <Group component="form" onSubmit={search} gap="xs" mb="xs" align="flex-end">
        <TextInput aria-label="Quick search" placeholder="Quick search: words of the raw log" leftSection={<IconSearch size={14} />} value={text} onChange={(e) => setText(e.currentTarget.value)} style={{ flex: 1 }} size="xs" />
        {COLUMNS.map((column) => (
          <TextInput
            key={column.key}
            aria-label={`Filter ${column.label}`}
            placeholder={column.label}
            size="xs"
            w={column.width}
            value={filters[column.key]}
            onChange={(e) => setFilters({ ...filters, [column.key]: e.currentTarget.value })}
          />
        ))}
        <Button type="submit">Search</Button>
      </Group>
      <Paper withBorder>
        {result.isPending ? (
          <LoadingState label="Searching…" />
        ) : result.isError ? (
          <ErrorState error={result.error} onRetry={() => void result.refetch()} />
        ) : result.data.events.length === 0 ? (
          <EmptyState>No event matches.</EmptyState>
        ) : (
          <Table highlightOnHover stickyHeader data-testid="log-table">
            <Table.Thead>
              <Table.Tr>
                {['DATE', 'TYPE', 'SRC ADDRESS', 'SRC PORT', 'DEST. ADDRESS', 'DEST. PORT', 'RAW'].map((h) => (
                  <Table.Th key={h} fz="xs" c="dimmed">
                    {h}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.data.events.map((event) => (
                <Table.Tr key={event.id}>
                  <Table.Td className="nowrap">{formatDate(event.timestamp)}</Table.Td>
                  <Table.Td>{eventType(event.raw, event.fields)}</Table.Td>
                  <Table.Td className="mono">{String(event.fields['source.ip'] ?? '—')}</Table.Td>
                  <Table.Td className="mono">{String(event.fields['source.port'] ?? '—')}</Table.Td>
                  <Table.Td className="mono">{String(event.fields['destination.ip'] ?? '—')}</Table.Td>
                  <Table.Td className="mono">{String(event.fields['destination.port'] ?? '—')}</Table.Td>
                  <Table.Td>
                    <Button variant="light" size="compact-xs" onClick={() => setRaw(event)}>
                      RAW
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      <Group justify="space-between" mt="xs">
        <Text size="sm" c="dimmed" data-testid="event-count">
          {countOf(total, 'event', result.data?.totalCapped)}
        </Text>
        <Group gap="xs">
          <Select
            aria-label="Rows per page"
            data={['25', '50', '100']}
            value={String(pageSize)}
            onChange={(v) => {
              setPageSize(Number(v ?? 25));
              setCursors([undefined]);
              setPage(1);
            }}
            allowDeselect={false}
            size="xs"
            w={80}
          />
          {/* keyset pages: forward one page at a time, back to any page seen */}
          <Pagination total={Math.min(pages, cursors.length + (result.data?.nextCursor ? 1 : 0))} value={page} onChange={goTo} size="sm" />
        </Group>
      </Group>
      <RawLogModal event={raw} onClose={() => setRaw(null)} />
    </>
  );
}
