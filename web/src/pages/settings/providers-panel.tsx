// The threat-intel providers: configured or not, enabled or why not. Keys are never shown (the API does not return them).
import { Badge, Table, Text } from '@mantine/core';
import { ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { useProviders } from '../../hooks/use-intel.ts';

export function ProvidersPanel() {
  const providers = useProviders();
  if (providers.isPending) return <LoadingState />;
  if (providers.isError) return <ErrorState error={providers.error} onRetry={() => void providers.refetch()} />;
  return (
    <Table data-testid="providers-table">
      <Table.Thead>
        <Table.Tr>
          {['PROVIDER', 'KIND', 'ACCEPTS', 'CONFIGURED', 'ENABLED'].map((h) => (
            <Table.Th key={h} fz="xs" c="dimmed">
              {h}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {providers.data.map((p) => (
          <Table.Tr key={p.id}>
            <Table.Td fw={600}>{p.name}</Table.Td>
            <Table.Td>{p.kind}</Table.Td>
            <Table.Td>
              <Text size="xs" c="dimmed">
                {p.accepts.join(', ')}
              </Text>
            </Table.Td>
            <Table.Td>
              <Badge size="sm" variant="light" color={p.configured ? 'teal' : 'gray'}>
                {p.configured ? 'configured' : 'not configured'}
              </Badge>
            </Table.Td>
            <Table.Td>
              {p.enabled ? (
                <Badge size="sm" variant="light" color="teal">
                  enabled
                </Badge>
              ) : (
                <Text size="xs" c="dimmed">
                  {p.disabledReason ?? 'disabled'}
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
