// The scenario packs, shipped and loaded; leads (and admins) load one or start its exercise again.
import { Badge, Button, Group, Table, Text, Tooltip } from '@mantine/core';
import type { ScenarioInfo } from '../../api/types.ts';
import { formatDate } from '../../components/ui/format.ts';
import { EmptyState } from '../../components/ui/states.tsx';
import { useLoadScenario, useResetScenario } from '../../hooks/use-metrics.ts';

export function ScenarioList({ scenarios, canManage }: { scenarios: readonly ScenarioInfo[]; canManage: boolean }) {
  const load = useLoadScenario();
  const reset = useResetScenario();
  if (scenarios.length === 0) return <EmptyState>No scenario pack.</EmptyState>;
  return (
    <Table data-testid="scenario-list">
      <Table.Thead>
        <Table.Tr>
          {['SCENARIO', 'DIFFICULTY', 'STATE', ''].map((h) => (
            <Table.Th key={h} fz="xs" c="dimmed">
              {h}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {scenarios.map((s) => (
          <Table.Tr key={s.name} data-scenario={s.name}>
            <Table.Td>
              <Text size="sm" fw={600}>
                {s.title ?? s.name}
              </Text>
              {s.description && (
                <Text size="xs" c="dimmed" lineClamp={1}>
                  {s.description}
                </Text>
              )}
              {s.title && (
                <Text size="xs" c="dimmed" className="mono">
                  {s.name}
                </Text>
              )}
            </Table.Td>
            <Table.Td>{s.difficulty ?? '—'}</Table.Td>
            <Table.Td>
              {s.loaded ? (
                <Tooltip label={`loaded ${formatDate(s.loadedAt)}`}>
                  <Badge color="teal" variant="light" size="sm">
                    loaded
                  </Badge>
                </Tooltip>
              ) : (
                <Text size="xs" c="dimmed" className="nowrap">
                  not loaded
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              {canManage && (
                <Group gap={6} justify="flex-end" wrap="nowrap">
                  <Button size="xs" variant="light" disabled={s.loaded} loading={load.isPending && load.variables === s.name} onClick={() => load.mutate(s.name)}>
                    Load
                  </Button>
                  <Button size="xs" variant="default" disabled={!s.loaded} loading={reset.isPending && reset.variables === s.name} onClick={() => reset.mutate(s.name)}>
                    Reset
                  </Button>
                </Group>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
