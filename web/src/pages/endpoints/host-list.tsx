// The host list: search by hostname, IP, process name or hash (across hosts); each host links to its page.
import { Group, Paper, ScrollArea, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { useHosts } from '../../hooks/use-hosts.ts';
import { HostStateBadge } from './host-state.tsx';

interface Props {
  q: string;
  onSearch: (q: string) => void;
  selected: string | undefined;
}

export function HostList({ q, onSearch, selected }: Props) {
  const hosts = useHosts(q);
  const [draft, setDraft] = useState(q);
  const [params] = useSearchParams();
  const search = params.toString();

  return (
    <Paper withBorder p="xs">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSearch(draft.trim());
        }}
      >
        <TextInput
          aria-label="Search hosts"
          placeholder="Hostname, IP, process or hash"
          leftSection={<IconSearch size={16} />}
          value={draft}
          onChange={(e) => setDraft(e.currentTarget.value)}
          mb="xs"
        />
      </form>
      {hosts.isPending ? (
        <LoadingState />
      ) : hosts.isError ? (
        <ErrorState error={hosts.error} onRetry={() => void hosts.refetch()} />
      ) : hosts.data.length === 0 ? (
        <EmptyState>{q ? `No host matches “${q}”.` : 'No host yet: load a scenario pack.'}</EmptyState>
      ) : (
        <ScrollArea.Autosize mah="calc(100vh - 220px)">
          <Stack gap={2} data-testid="host-list">
            {hosts.data.map((h) => (
              <UnstyledButton
                key={h.hostname}
                component={Link}
                to={`/endpoints/${encodeURIComponent(h.hostname)}${search ? `?${search}` : ''}`}
                className={`host-row${selected === h.hostname ? ' selected-row' : ''}`}
                aria-current={selected === h.hostname ? 'page' : undefined}
                data-hostname={h.hostname}
                p="xs"
              >
                <Group justify="space-between" gap={4}>
                  <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {h.hostname}
                  </Text>
                  <HostStateBadge state={h.state} size="xs" />
                </Group>
                <Text size="xs" c="dimmed" truncate>
                  {h.ip} · {h.os ?? 'unknown OS'} · {h.primaryUser ?? 'no user'}
                </Text>
              </UnstyledButton>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      )}
    </Paper>
  );
}
