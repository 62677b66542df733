// One message: From/To/Subject/Date/Action, the body (text by default; the HTML body only in the sandboxed frame),
// the attachments with the zip download (password: infected), and Delete.
import { Anchor, Code, Group, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import type { EmailView as Email } from '../../api/types.ts';
import { FieldLines } from '../../components/ui/field-lines.tsx';
import { formatBytes, formatDate } from '../../components/ui/format.ts';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { attachmentsZipUrl, useEmail } from '../../hooks/use-emails.ts';
import { DeleteEmailButton } from './delete-email-button.tsx';
import { ActionBadge } from './email-table.tsx';
import { MailFrame } from './mail-frame.tsx';

export function EmailPanel({ id, onDeleted }: { id: number; onDeleted: () => void }) {
  const email = useEmail(id);
  if (email.isPending) return <LoadingState />;
  if (email.isError) return <ErrorState error={email.error} onRetry={() => void email.refetch()} />;
  return <EmailView key={id} email={email.data} onDeleted={onDeleted} />;
}

function EmailView({ email, onDeleted }: { email: Email; onDeleted: () => void }) {
  const [body, setBody] = useState<'text' | 'html'>('text');
  return (
    <Paper withBorder p="md" data-testid="email-view">
      <Group justify="space-between" align="flex-start" mb="sm" wrap="nowrap">
        <Title order={4}>{email.subject || '(no subject)'}</Title>
        <DeleteEmailButton email={email} onDeleted={onDeleted} />
      </Group>
      <FieldLines
        labelWidth={90}
        mono={false}
        fields={[
          { label: 'From', value: email.sender },
          { label: 'To', value: email.recipients.join(', ') },
          { label: 'Subject', value: email.subject },
          { label: 'Date', value: formatDate(email.date) },
          { label: 'Sender IP', value: email.senderIp },
        ]}
      />
      <Group gap="xs" mt={4} mb="md">
        <Text size="sm" c="dimmed" w={90}>
          Action
        </Text>
        <ActionBadge action={email.action} />
      </Group>
      <Group justify="space-between" mb="xs">
        <Text size="xs" c="dimmed" fw={700} tt="uppercase">
          Body
        </Text>
        {email.html !== null && (
          <SegmentedControl
            size="xs"
            value={body}
            onChange={(v) => setBody(v === 'html' ? 'html' : 'text')}
            data={[
              { value: 'text', label: 'Text' },
              { value: 'html', label: 'HTML (sandboxed)' },
            ]}
            aria-label="Body format"
          />
        )}
      </Group>
      {body === 'html' && email.html !== null ? (
        <MailFrame html={email.html} title={`HTML body of ${email.subject}`} />
      ) : (
        <Code block data-testid="mail-text" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', maxHeight: 460, overflow: 'auto' }}>
          {email.text || '(no text body)'}
        </Code>
      )}
      <Attachments email={email} />
    </Paper>
  );
}

function Attachments({ email }: { email: Email }) {
  return (
    <Stack gap={6} mt="md">
      <Group justify="space-between">
        <Text size="xs" c="dimmed" fw={700} tt="uppercase">
          Attachments ({email.attachments.length})
        </Text>
        {email.attachments.length > 0 && (
          <Anchor href={attachmentsZipUrl(email.id)} download size="sm" data-testid="attachments-zip">
            <Group gap={4}>
              <IconDownload size={16} />
              Download zip (password: infected)
            </Group>
          </Anchor>
        )}
      </Group>
      {email.attachments.length === 0 ? (
        <EmptyState>No attachment.</EmptyState>
      ) : (
        <Table data-testid="attachments">
          <Table.Tbody>
            {email.attachments.map((a, i) => (
              <Table.Tr key={`${a.name}-${i}`}>
                <Table.Td className="mono">{a.name}</Table.Td>
                <Table.Td c="dimmed">{a.mime}</Table.Td>
                <Table.Td c="dimmed">{formatBytes(a.size)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
