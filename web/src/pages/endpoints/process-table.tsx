// The Processes tab: EVENT TIME · PID · PROCESS NAME · PARENT PROCESS · COMMAND LINE; a row expands to the image path,
// the image hash and the processes it started (the same table, one level down).
import { Box, Table, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import type { HostProcess } from '../../api/soc-types.ts';
import { FieldLines } from '../../components/ui/field-lines.tsx';
import { formatDateSeconds } from '../../components/ui/format.ts';
import { EmptyState } from '../../components/ui/states.tsx';

const HEADERS = ['', 'EVENT TIME', 'PID', 'PROCESS NAME', 'PARENT PROCESS', 'COMMAND LINE'];

export function ProcessTable({ processes, depth = 0 }: { processes: readonly HostProcess[]; depth?: number }) {
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  if (processes.length === 0) return <EmptyState>No process recorded.</EmptyState>;
  const toggle = (pid: number) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(pid)) next.add(pid);
      return next;
    });

  return (
    <Table highlightOnHover data-testid={depth === 0 ? 'process-table' : undefined}>
      <Table.Thead>
        <Table.Tr>
          {HEADERS.map((h, i) => (
            <Table.Th key={i} fz="xs" c="dimmed" style={{ width: i === 0 ? 28 : undefined }}>
              {h}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {processes.map((p) => {
          const expanded = open.has(p.pid);
          return (
            <Fragment key={`${p.pid}-${p.time}`}>
              <Table.Tr className="clickable-row" aria-expanded={expanded} data-pid={p.pid} onClick={() => toggle(p.pid)}>
                <Table.Td>{expanded ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}</Table.Td>
                <Table.Td>
                  <Text size="sm" className="nowrap">
                    {formatDateSeconds(p.time)}
                  </Text>
                </Table.Td>
                <Table.Td>{p.pid}</Table.Td>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {p.name}
                  </Text>
                </Table.Td>
                <Table.Td>{p.parent ?? '—'}</Table.Td>
                <Table.Td>
                  <Text size="sm" className="mono" lineClamp={expanded ? undefined : 2} style={{ overflowWrap: 'anywhere' }}>
                    {p.commandLine ?? '—'}
                  </Text>
                </Table.Td>
              </Table.Tr>
              {expanded && (
                <Table.Tr>
                  <Table.Td />
                  <Table.Td colSpan={HEADERS.length - 1}>
                    <Box data-testid={`process-details-${p.pid}`}>
                      <FieldLines
                        labelWidth={110}
                        fields={[
                          { label: 'Image Path', value: p.imagePath ?? null },
                          { label: 'Image Hash', value: p.hash ?? null },
                          { label: 'Children', value: String(p.children?.length ?? 0) },
                        ]}
                      />
                      {p.children && p.children.length > 0 && (
                        <Box mt="xs" pl="sm" style={{ borderLeft: '2px solid var(--mantine-color-default-border)' }}>
                          <ProcessTable processes={p.children} depth={depth + 1} />
                        </Box>
                      )}
                    </Box>
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
