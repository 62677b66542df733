// CLOSED ALERTS: SEVERITY · DATE CLOSED · RULE NAME · EVENTID · TYPE · RESULT · ACTION; a row expands to the verdict, note and score.
import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { Fragment } from 'react';
import type { ClosedRow } from '../../api/types.ts';
import { formatDate } from '../../components/ui/format.ts';
import { ResultMark } from '../../components/ui/result-mark.tsx';
import { SeverityBadge } from '../../components/ui/severity-badge.tsx';
import { ReinvestigateButton } from './alert-actions.tsx';
import { ScoreLines } from './score-lines.tsx';

const HEADERS = ['', 'SEVERITY', 'DATE CLOSED', 'RULE NAME', 'EVENTID', 'TYPE', 'OWNER', 'RESULT', 'ACTION'];

interface Props {
  rows: readonly ClosedRow[];
  selected: number | null;
  expanded: ReadonlySet<number>;
  onSelect: (id: number) => void;
  onToggle: (id: number) => void;
}

export function ClosedTable({ rows, selected, expanded, onSelect, onToggle }: Props) {
  return (
    <Table highlightOnHover stickyHeader data-testid="closed-table">
      <Table.Thead>
        <Table.Tr>
          {HEADERS.map((h) => (
            <Table.Th key={h} fz="xs" c="dimmed" w={h === '' ? 28 : undefined}>
              {h}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => {
          const open = expanded.has(row.investigationId);
          return (
            <Fragment key={row.investigationId}>
              <Table.Tr
                className={`clickable-row${selected === row.investigationId ? ' selected-row' : ''}`}
                data-eventid={row.eventId}
                data-row-id={row.investigationId}
                aria-expanded={open}
                onClick={() => {
                  onSelect(row.investigationId);
                  onToggle(row.investigationId);
                }}
              >
                <Table.Td>{open ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}</Table.Td>
                <Table.Td>
                  <SeverityBadge severity={row.severity} />
                </Table.Td>
                <Table.Td className="nowrap">{formatDate(row.dateClosed)}</Table.Td>
                <Table.Td>
                  <Group gap={6}>
                    {row.rule}
                    {row.reinvestigated && (
                      <Badge size="xs" variant="outline" color="gray">
                        re-investigated
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td fw={600}>{row.eventId}</Table.Td>
                <Table.Td>{row.type}</Table.Td>
                <Table.Td>{row.owner}</Table.Td>
                <Table.Td>
                  <ResultMark result={row.result} />
                </Table.Td>
                <Table.Td>
                  <ReinvestigateButton eventId={row.eventId} disabled={row.reinvestigated} />
                </Table.Td>
              </Table.Tr>
              {open && (
                <Table.Tr>
                  <Table.Td />
                  <Table.Td colSpan={HEADERS.length - 1}>
                    <ClosedDetails row={row} />
                  </Table.Td>
                </Table.Tr>
              )}
            </Fragment>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

function ClosedDetails({ row }: { row: ClosedRow }) {
  return (
    <Stack gap={6} py={4}>
      {row.score ? <ScoreLines score={row.score} /> : <Text size="sm">Verdict: {row.verdict}</Text>}
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} mt={4}>
        Analyst Note
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {row.score?.note ?? '—'}
      </Text>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} mt={4}>
        Closing Note
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {row.note || '—'}
      </Text>
    </Stack>
  );
}
