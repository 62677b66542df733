// Threat Intel: counters per indicator type, filters, the indicator table, and a lookup against every configured source.
import { Badge, Button, Group, Paper, Select, SimpleGrid, Table, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { IndicatorType } from '../../api/types.ts';
import { formatCount, formatDate } from '../../components/ui/format.ts';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { useIndicators, type IndicatorFilters } from '../../hooks/use-intel.ts';
import { LookupPanel } from './lookup-panel.tsx';

const COUNTERS = [
  { key: 'url', label: 'URL' },
  { key: 'ip', label: 'IP' },
  { key: 'hash', label: 'Hash' },
  { key: 'domain', label: 'Domain' },
] as const;

const TYPES: { value: IndicatorType | 'hash'; label: string }[] = [
  { value: 'url', label: 'URL' },
  { value: 'domain', label: 'Domain' },
  { value: 'ip', label: 'IP' },
  { value: 'hash', label: 'Hash (any)' },
  { value: 'md5', label: 'MD5' },
  { value: 'sha1', label: 'SHA1' },
  { value: 'sha256', label: 'SHA256' },
  { value: 'email', label: 'E-mail' },
];

function readFilters(params: URLSearchParams): IndicatorFilters {
  const filters: IndicatorFilters = {};
  for (const key of ['text', 'value', 'tag', 'from', 'to'] as const) {
    const v = params.get(key);
    if (v) filters[key] = v;
  }
  const type = params.get('type');
  if (type && TYPES.some((t) => t.value === type)) filters.type = type as IndicatorFilters['type'];
  return filters;
}

export function IntelPage() {
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const [draft, setDraft] = useState({ text: filters.text ?? '', value: filters.value ?? '', tag: filters.tag ?? '' });
  const indicators = useIndicators(filters);
  const set = (patch: Partial<Record<keyof IndicatorFilters, string | undefined>>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next);
  };

  return (
    <>
      <PageHeader title="Threat Intel" subtitle="Local indicators, and lookups against every configured source." />
      <SimpleGrid cols={{ base: 2, md: 4 }} mb="md">
        {COUNTERS.map((c) => (
          <Paper key={c.key} withBorder p="sm">
            <Text size="xs" c="dimmed" fw={700} tt="uppercase">
              {c.label}
            </Text>
            <Text size="xl" fw={700} data-testid={`intel-count-${c.key}`}>
              {indicators.data ? formatCount(indicators.data.counts[c.key]) : '—'}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <LookupPanel initial={params.get('lookup') ?? ''} />
      <Group
        component="form"
        gap="xs"
        my="sm"
        align="flex-end"
        onSubmit={(e: React.FormEvent) => {
          e.preventDefault();
          set(draft);
        }}
      >
        <TextInput label="Search" placeholder="Free text" leftSection={<IconSearch size={14} />} size="xs" value={draft.text} onChange={(e) => setDraft({ ...draft, text: e.currentTarget.value })} w={220} />
        <Select label="Type" placeholder="Any" data={TYPES} value={filters.type ?? null} onChange={(v) => set({ type: v ?? undefined })} clearable size="xs" w={130} />
        <TextInput label="Value" size="xs" value={draft.value} onChange={(e) => setDraft({ ...draft, value: e.currentTarget.value })} w={200} />
        <TextInput label="Tag" size="xs" value={draft.tag} onChange={(e) => setDraft({ ...draft, tag: e.currentTarget.value })} w={130} />
        <TextInput label="From" type="date" size="xs" value={filters.from ?? ''} onChange={(e) => set({ from: e.currentTarget.value })} w={140} />
        <TextInput label="To" type="date" size="xs" value={filters.to ?? ''} onChange={(e) => set({ to: e.currentTarget.value })} w={140} />
        <Button type="submit">Filter</Button>
      </Group>
      <Paper withBorder>
        {indicators.isPending ? (
          <LoadingState />
        ) : indicators.isError ? (
          <ErrorState error={indicators.error} onRetry={() => void indicators.refetch()} />
        ) : indicators.data.page.items.length === 0 ? (
          <EmptyState>No indicator matches.</EmptyState>
        ) : (
          <Table highlightOnHover stickyHeader>
            <Table.Thead>
              <Table.Tr>
                {['DATE', 'DATA TYPE', 'DATA', 'TAG', 'DATA SOURCE'].map((h) => (
                  <Table.Th key={h} fz="xs" c="dimmed">
                    {h}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {indicators.data.page.items.map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Td className="nowrap">{formatDate(i.lastSeen)}</Table.Td>
                  <Table.Td>{i.type.toUpperCase()}</Table.Td>
                  <Table.Td className="mono" style={{ overflowWrap: 'anywhere' }}>
                    {i.value}
                  </Table.Td>
                  <Table.Td>
                    {i.tags.map((t) => (
                      <Badge key={t} size="xs" variant="light" mr={4}>
                        {t}
                      </Badge>
                    ))}
                  </Table.Td>
                  <Table.Td>{i.source}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </>
  );
}
