// Query mode: the query bar, event count, histogram, interesting fields and the expandable event list.
import { Button, Grid, Group, Paper, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { isApiError } from '../../api/errors.ts';
import { countOf } from '../../components/ui/format.ts';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { useLogFields, useLogHistogram, useLogStream, type LogQuery } from '../../hooks/use-logs.ts';
import { EventList } from './event-list.tsx';
import { FieldsPane } from './fields-pane.tsx';
import { Histogram } from './histogram.tsx';
import { andClause, term } from './log-params.ts';

export function QueryMode({ query, onSearch, timePicker }: { query: LogQuery; onSearch: (q: string) => void; timePicker: React.ReactNode }) {
  const [draft, setDraft] = useState(query.q);
  const stream = useLogStream(query);
  const fields = useLogFields(query);
  const histogram = useLogHistogram(query);
  const first = stream.data?.pages[0];
  const events = stream.data?.pages.flatMap((p) => p.events) ?? [];
  const syntax = isApiError(stream.error) && stream.error.code === 'query_syntax' ? stream.error : null;

  return (
    <>
      <Group
        component="form"
        gap="xs"
        mb="xs"
        onSubmit={(e: React.FormEvent) => {
          e.preventDefault();
          onSearch(draft.trim());
        }}
      >
        <TextInput
          aria-label="Query"
          placeholder='source.ip:172.16.17.5 AND url.original:*winrar* · "connection refused" · NOT event.action:Blocked'
          leftSection={<IconSearch size={14} />}
          value={draft}
          onChange={(e) => setDraft(e.currentTarget.value)}
          error={syntax ? `${syntax.message}${syntax.position !== undefined ? ` (at ${syntax.position})` : ''}` : undefined}
          style={{ flex: 1 }}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          size="sm"
        />
        {timePicker}
        <Button type="submit" size="sm">
          Search
        </Button>
      </Group>
      <Group justify="space-between" mb={4}>
        <Text size="sm" fw={600} data-testid="event-count">
          {first ? countOf(first.total, 'event', first.totalCapped) : '…'}
        </Text>
        {first && (
          <Text size="xs" c="dimmed">
            {first.tookMs.toFixed(1)} ms
          </Text>
        )}
      </Group>
      <Paper withBorder p={4} mb="xs">
        {histogram.data ? <Histogram data={histogram.data} /> : <div style={{ height: 110 }} />}
      </Paper>
      <Grid gutter="xs">
        <Grid.Col span={{ base: 12, md: 3 }}>
          <FieldsPane data={fields.data} onPick={(field, value) => onSearch(andClause(query.q, term(field, value)))} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 9 }}>
          {stream.isPending ? (
            <LoadingState label="Searching…" />
          ) : stream.isError ? (
            syntax ? null : <ErrorState error={stream.error} onRetry={() => void stream.refetch()} />
          ) : events.length === 0 ? (
            <EmptyState>No event matches this search.</EmptyState>
          ) : (
            <EventList events={events} hasMore={stream.hasNextPage} loadingMore={stream.isFetchingNextPage} onMore={() => void stream.fetchNextPage()} />
          )}
        </Grid.Col>
      </Grid>
    </>
  );
}
