// The e-mail searches: a quick search over sender, recipients, subject, attachment names and body, and a detailed form.
import { Button, Collapse, Group, Paper, Select, SimpleGrid, TextInput } from '@mantine/core';
import { IconAdjustmentsHorizontal, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { fromLocalInput, toLocalInput } from '../../components/ui/format.ts';
import type { EmailSearch } from '../../hooks/use-emails.ts';
import { ACTIONS, hasDetailed } from './email-params.ts';

const DETAILED: { key: 'sender' | 'recipient' | 'subject' | 'senderIp' | 'attachment' | 'body'; label: string }[] = [
  { key: 'sender', label: 'Sender' },
  { key: 'recipient', label: 'Recipient' },
  { key: 'subject', label: 'Subject' },
  { key: 'senderIp', label: 'Sender IP' },
  { key: 'attachment', label: 'Attachment name' },
  { key: 'body', label: 'Body' },
];

export function EmailSearchBar({ search, onSearch }: { search: EmailSearch; onSearch: (search: EmailSearch) => void }) {
  const [draft, setDraft] = useState<EmailSearch>(search);
  const [detailed, setDetailed] = useState(hasDetailed(search));
  const set = (patch: Partial<EmailSearch>) => setDraft((d) => ({ ...d, ...patch }));
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    onSearch(detailed ? draft : { q: draft.q });
  };

  return (
    <Paper withBorder p="sm" mb="md" component="form" onSubmit={submit}>
      <Group gap="xs" align="flex-end">
        <TextInput
          aria-label="Quick search"
          placeholder="Search sender, recipients, subject, attachment names and body"
          leftSection={<IconSearch size={16} />}
          value={draft.q ?? ''}
          onChange={(e) => set({ q: e.currentTarget.value })}
          style={{ flex: 1 }}
        />
        <Button type="submit">Search</Button>
        <Button variant={detailed ? 'light' : 'default'} leftSection={<IconAdjustmentsHorizontal size={16} />} onClick={() => setDetailed((v) => !v)} aria-expanded={detailed}>
          Detailed search
        </Button>
        <Button
          variant="subtle"
          color="gray"
          onClick={() => {
            setDraft({});
            onSearch({});
          }}
        >
          Clear
        </Button>
      </Group>
      <Collapse in={detailed}>
        <SimpleGrid cols={{ base: 2, md: 3, lg: 5 }} spacing="xs" mt="sm" data-testid="detailed-search">
          {DETAILED.map((f) => (
            <TextInput key={f.key} label={f.label} size="xs" value={draft[f.key] ?? ''} onChange={(e) => set({ [f.key]: e.currentTarget.value })} />
          ))}
          <Select label="Action" size="xs" clearable data={[...ACTIONS]} value={draft.action ?? null} onChange={(v) => set({ action: v ?? undefined })} />
          <TextInput label="Date from" type="datetime-local" size="xs" value={toLocalInput(draft.from)} onChange={(e) => set({ from: fromLocalInput(e.currentTarget.value) })} />
          <TextInput label="Date to" type="datetime-local" size="xs" value={toLocalInput(draft.to)} onChange={(e) => set({ to: fromLocalInput(e.currentTarget.value) })} />
        </SimpleGrid>
      </Collapse>
    </Paper>
  );
}
