// The mailbox table: DATE · SENDER · RECIPIENTS · SUBJECT · FINAL ACTION; a row opens the message (deep link /email/:id).
import { Badge, Group, Table, Text } from '@mantine/core';
import { IconPaperclip } from '@tabler/icons-react';
import type { EmailSummary } from '../../api/types.ts';
import { formatDate } from '../../components/ui/format.ts';

const ACTION_COLORS: Record<string, string> = { Allowed: 'gray', Blocked: 'red', Quarantined: 'orange', Cleaned: 'teal', Detected: 'yellow' };

export function ActionBadge({ action }: { action: string }) {
  return (
    <Badge color={ACTION_COLORS[action] ?? 'gray'} variant="light" radius="sm" size="sm">
      {action}
    </Badge>
  );
}

export function EmailTable({ emails, selected, onOpen }: { emails: readonly EmailSummary[]; selected: number | null; onOpen: (id: number) => void }) {
  return (
    <Table highlightOnHover stickyHeader data-testid="email-table">
      <Table.Thead>
        <Table.Tr>
          {['DATE', 'SENDER', 'RECIPIENTS', 'SUBJECT', 'FINAL ACTION'].map((h) => (
            <Table.Th key={h} fz="xs" c="dimmed">
              {h}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {emails.map((m) => (
          <Table.Tr
            key={m.id}
            className={`clickable-row${selected === m.id ? ' selected-row' : ''}`}
            aria-selected={selected === m.id}
            data-email-id={m.id}
            onClick={() => onOpen(m.id)}
          >
            <Table.Td>
              <Text size="sm" className="nowrap">
                {formatDate(m.date)}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{m.sender}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{m.recipients.join(', ')}</Text>
            </Table.Td>
            <Table.Td>
              <Group gap={6} wrap="nowrap">
                {m.attachments.length > 0 && <IconPaperclip size={14} aria-label="has attachments" />}
                <Text size="sm">{m.subject}</Text>
              </Group>
            </Table.Td>
            <Table.Td>
              <ActionBadge action={m.action} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
