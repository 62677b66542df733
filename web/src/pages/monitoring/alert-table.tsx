// The Main and Investigation channel tables: SEVERITY · DATE · RULE NAME · EVENTID · TYPE · ACTION, rows expand to the alert's fields.
import { Table, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { Fragment, useMemo } from 'react';
import type { Alert } from '../../api/types.ts';
import { formatDate } from '../../components/ui/format.ts';
import { SeverityBadge } from '../../components/ui/severity-badge.tsx';
import { AlertDetails } from './alert-details.tsx';

const column = createColumnHelper<Alert>();

interface Props {
  alerts: readonly Alert[];
  selected: number | null;
  expanded: ReadonlySet<number>;
  onSelect: (eventId: number) => void;
  onToggle: (eventId: number) => void;
  action: (alert: Alert) => React.ReactNode;
  showOwner: boolean;
}

export function AlertTable({ alerts, selected, expanded, onSelect, onToggle, action, showOwner }: Props) {
  const columns = useMemo(
    () => [
      column.display({
        id: 'expand',
        header: '',
        cell: (c) => (expanded.has(c.row.original.eventId) ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />),
      }),
      column.accessor('severity', { header: 'SEVERITY', cell: (c) => <SeverityBadge severity={c.getValue()} /> }),
      column.accessor('eventTime', { header: 'DATE', cell: (c) => <Text size="sm" className="nowrap">{formatDate(c.getValue())}</Text> }),
      column.accessor((a) => (a.rule.code ? `${a.rule.code} - ${a.rule.name}` : a.rule.name), { id: 'rule', header: 'RULE NAME' }),
      column.accessor('eventId', { header: 'EVENTID', cell: (c) => <Text size="sm" fw={600}>{c.getValue()}</Text> }),
      column.accessor('type', { header: 'TYPE' }),
      ...(showOwner ? [column.accessor((a) => a.owner ?? '—', { id: 'owner', header: 'OWNER' })] : []),
      column.display({ id: 'action', header: 'ACTION', cell: (c) => action(c.row.original) }),
    ],
    [expanded, action, showOwner],
  );
  // the table model is rebuilt from props on each render: the React compiler must not memoise around it
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({ data: alerts as Alert[], columns, getCoreRowModel: getCoreRowModel(), getRowId: (a) => String(a.eventId) });

  return (
    <Table highlightOnHover stickyHeader data-testid="alert-table">
      <Table.Thead>
        {table.getHeaderGroups().map((group) => (
          <Table.Tr key={group.id}>
            {group.headers.map((header) => (
              <Table.Th key={header.id} fz="xs" c="dimmed" style={{ width: header.id === 'expand' ? 28 : undefined }}>
                {flexRender(header.column.columnDef.header, header.getContext())}
              </Table.Th>
            ))}
          </Table.Tr>
        ))}
      </Table.Thead>
      <Table.Tbody>
        {table.getRowModel().rows.map((row) => {
          const eventId = row.original.eventId;
          return (
            <Fragment key={row.id}>
              <Table.Tr
                className={`clickable-row${selected === eventId ? ' selected-row' : ''}`}
                data-eventid={eventId}
                data-row-id={eventId}
                aria-selected={selected === eventId}
                aria-expanded={expanded.has(eventId)}
                onClick={() => {
                  onSelect(eventId);
                  onToggle(eventId);
                }}
              >
                {row.getVisibleCells().map((cell) => (
                  <Table.Td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</Table.Td>
                ))}
              </Table.Tr>
              {expanded.has(eventId) && (
                <Table.Tr>
                  <Table.Td />
                  <Table.Td colSpan={row.getVisibleCells().length - 1}>
                    <AlertDetails alert={row.original} />
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
