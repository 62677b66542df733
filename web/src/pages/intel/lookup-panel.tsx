// Lookup of one observable (IP, domain, URL, hash, e-mail) against every source, with a verdict per source.
import { Alert, Badge, Button, Group, Paper, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { IntelVerdict } from '../../api/types.ts';
import { errorText } from '../../api/errors.ts';
import { useLookup } from '../../hooks/use-intel.ts';

const VERDICT_COLOR: Record<string, string> = { malicious: 'red', suspicious: 'orange', safe: 'teal', info: 'gray' };

export function VerdictBadge({ verdict }: { verdict: IntelVerdict }) {
  if (!verdict) return <Text c="dimmed">—</Text>;
  return (
    <Badge color={VERDICT_COLOR[verdict] ?? 'gray'} variant="light" size="sm">
      {verdict}
    </Badge>
  );
}

export function LookupPanel({ initial }: { initial: string }) {
  const [value, setValue] = useState(initial);
  const lookup = useLookup();
  const run = () => value.trim() && lookup.mutate(value.trim());

  return (
    <Paper withBorder p="md">
      <Title order={5} mb="xs">
        Lookup
      </Title>
      <Group
        component="form"
        gap="xs"
        onSubmit={(e: React.FormEvent) => {
          e.preventDefault();
          run();
        }}
      >
        <TextInput aria-label="Observable" placeholder="IP, domain, URL, hash or e-mail" value={value} onChange={(e) => setValue(e.currentTarget.value)} style={{ flex: 1 }} size="xs" />
        <Button type="submit" loading={lookup.isPending}>
          Look up
        </Button>
      </Group>
      {lookup.isError && (
        <Alert color="red" variant="light" mt="sm">
          {errorText(lookup.error)}
        </Alert>
      )}
      {lookup.data && (
        <>
          <Group gap="xs" mt="sm">
            <Text size="sm">
              {lookup.data.observable ? `${lookup.data.observable.type.toUpperCase()} ${lookup.data.observable.value}` : lookup.data.input}
            </Text>
            <VerdictBadge verdict={lookup.data.verdict} />
          </Group>
          <Table mt="xs" verticalSpacing={4} data-testid="lookup-results">
            <Table.Thead>
              <Table.Tr>
                {['SOURCE', 'STATUS', 'VERDICT', 'SUMMARY'].map((h) => (
                  <Table.Th key={h} fz="xs" c="dimmed">
                    {h}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lookup.data.results.map((r) => (
                <Table.Tr key={r.provider}>
                  <Table.Td fw={500}>{r.name}</Table.Td>
                  <Table.Td c={r.status === 'ok' ? undefined : 'dimmed'}>{r.status}</Table.Td>
                  <Table.Td>
                    <VerdictBadge verdict={r.verdict} />
                  </Table.Td>
                  <Table.Td c="dimmed" fz="xs">
                    {r.summary ?? r.message ?? ''}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Paper>
  );
}
