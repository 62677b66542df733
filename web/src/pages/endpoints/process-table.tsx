// The Processes tab: EVENT TIME · PID · PROCESS NAME · PARENT PROCESS · COMMAND LINE, as a tree: a row expands to the
// image path, the image hash and the processes it started (indented rows under it).
import { Box, Group, Table, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import type { HostProcess } from '../../api/types.ts';
import { FieldLines } from '../../components/ui/field-lines.tsx';
import { formatDateSeconds } from '../../components/ui/format.ts';
import { EmptyState } from '../../components/ui/states.tsx';

const HEADERS = ['EVENT TIME', 'PID', 'PROCESS NAME', 'PARENT PROCESS', 'COMMAND LINE'];
const INDENT = 18;

const keyOf = (p: HostProcess, path: string): string => `${path}/${p.pid}@${p.time}`;

export function ProcessTable({ processes }: { processes: readonly HostProcess[] }) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  if (processes.length === 0) return <EmptyState>No process recorded.</EmptyState>;
  const toggle = (key: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(key)) next.add(key);
      return next;
    });

  return (
    <Table highlightOnHover data-testid="process-table">
      <Table.Thead>
        <Table.Tr>
          {HEADERS.map((h) => (
            <Table.Th key={h} fz="xs" c="dimmed">
              {h}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        <ProcessRows processes={processes} depth={0} path="" open={open} onToggle={toggle} />
      </Table.Tbody>
    </Table>
  );
}

interface RowsProps {
  processes: readonly HostProcess[];
  depth: number;
  path: string;
  open: ReadonlySet<string>;
  onToggle: (key: string) => void;
}

function ProcessRows({ processes, depth, path, open, onToggle }: RowsProps) {
  return processes.map((p) => {
    const key = keyOf(p, path);
    const expanded = open.has(key);
    const children = p.children ?? [];
    return (
      <Fragment key={key}>
        <Table.Tr className="clickable-row" aria-expanded={expanded} data-pid={p.pid} onClick={() => onToggle(key)}>
          <Table.Td>
            <Text size="sm" className="nowrap">
              {formatDateSeconds(p.time)}
            </Text>
          </Table.Td>
          <Table.Td>{p.pid}</Table.Td>
          <Table.Td>
            <Group gap={4} wrap="nowrap" pl={depth * INDENT}>
              {expanded ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
              <Text size="sm" fw={600}>
                {p.name}
              </Text>
              {children.length > 0 && (
                <Text size="xs" c="dimmed">
                  ({children.length})
                </Text>
              )}
            </Group>
          </Table.Td>
          <Table.Td>{p.parent ?? '—'}</Table.Td>
          <Table.Td>
            <Text size="sm" className="mono" lineClamp={expanded ? undefined : 1} style={{ overflowWrap: 'anywhere' }}>
              {p.commandLine ?? '—'}
            </Text>
          </Table.Td>
        </Table.Tr>
        {expanded && (
          <>
            <Table.Tr>
              <Table.Td colSpan={2} />
              <Table.Td colSpan={3}>
                <Box pl={depth * INDENT} data-testid={`process-details-${p.pid}`}>
                  <FieldLines
                    labelWidth={100}
                    fields={[
                      { label: 'Image Path', value: p.imagePath ?? null },
                      { label: 'Image Hash', value: p.hash ?? null },
                      { label: 'Children', value: children.length ? children.map((c) => `${c.name} (${c.pid})`).join(', ') : 'none' },
                    ]}
                  />
                </Box>
              </Table.Td>
            </Table.Tr>
            <ProcessRows processes={children} depth={depth + 1} path={key} open={open} onToggle={onToggle} />
          </>
        )}
      </Fragment>
    );
  });
}
