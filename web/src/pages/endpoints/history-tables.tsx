// The Network Action, Terminal History and Browser History tabs: time-ordered tables, every value shown as text.
import { Table, Text } from '@mantine/core';
import type { HostDetail } from '../../api/types.ts';
import { formatDateSeconds } from '../../components/ui/format.ts';
import { EmptyState } from '../../components/ui/states.tsx';

function SimpleTable({ headers, rows, testId, empty }: { headers: string[]; rows: React.ReactNode[][]; testId: string; empty: string }) {
  if (rows.length === 0) return <EmptyState>{empty}</EmptyState>;
  return (
    <Table highlightOnHover data-testid={testId}>
      <Table.Thead>
        <Table.Tr>
          {headers.map((h) => (
            <Table.Th key={h} fz="xs" c="dimmed">
              {h}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((cells, i) => (
          <Table.Tr key={i}>
            {cells.map((cell, j) => (
              <Table.Td key={j}>{cell}</Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

const time = (value: string) => (
  <Text size="sm" className="nowrap">
    {formatDateSeconds(value)}
  </Text>
);
const mono = (value: string) => (
  <Text size="sm" className="mono" style={{ overflowWrap: 'anywhere' }}>
    {value}
  </Text>
);

export function NetworkTable({ rows }: { rows: HostDetail['network'] }) {
  return (
    <SimpleTable
      testId="network-table"
      headers={['TIME', 'REMOTE IP', 'REMOTE PORT']}
      empty="No network action recorded."
      rows={rows.map((r) => [time(r.time), mono(r.remoteIp), mono(String(r.remotePort))])}
    />
  );
}

export function TerminalTable({ rows }: { rows: HostDetail['terminal'] }) {
  return <SimpleTable testId="terminal-table" headers={['TIME', 'COMMAND']} empty="No terminal history." rows={rows.map((r) => [time(r.time), mono(r.command)])} />;
}

export function BrowserTable({ rows }: { rows: HostDetail['browser'] }) {
  return <SimpleTable testId="browser-table" headers={['TIME', 'URL']} empty="No browser history." rows={rows.map((r) => [time(r.time), mono(r.url)])} />;
}
