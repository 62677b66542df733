// Close Alert: Event ID prefilled, True Positive / False Positive, and a note; then the training score if there is one.
import { Button, Group, Modal, Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { FormError } from '../../components/ui/states.tsx';
import { useState } from 'react';
import type { ClosedAlertScore, Verdict } from '../../api/types.ts';
import { useCloseAlert } from '../../hooks/use-alerts.ts';
import { ScoreLines } from './score-lines.tsx';
import { NOTE_MAX_LENGTH } from '../../../../src/soc/artifacts/limits.ts';


export function CloseAlertDialog({ eventId, onDone }: { eventId: number | null; onDone: () => void }) {
  return (
    <Modal opened={eventId !== null} onClose={onDone} title="Close Alert" size="md" centered>
      {eventId !== null && <CloseAlertForm key={eventId} eventId={eventId} onDone={onDone} />}
    </Modal>
  );
}

function CloseAlertForm({ eventId, onDone }: { eventId: number; onDone: () => void }) {
  const close = useCloseAlert();
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [note, setNote] = useState('');
  const [score, setScore] = useState<ClosedAlertScore | null | undefined>(undefined);

  if (score !== undefined) {
    return (
      <Stack>
        <Text size="sm">EventID {eventId} is closed.</Text>
        {score ? <ScoreLines score={score} /> : <Text size="sm" c="dimmed">No answer key for this alert: not scored.</Text>}
        <Group justify="flex-end">
          <Button onClick={onDone}>Done</Button>
        </Group>
      </Stack>
    );
  }

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!verdict || !note.trim()) return;
    close.mutate({ eventId, verdict, note: note.trim() }, { onSuccess: (result) => setScore(result.score ?? null) });
  };

  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <TextInput label="Event ID" value={String(eventId)} readOnly />
        <Radio.Group label="Verdict" value={verdict} onChange={(v) => setVerdict(v as Verdict)} required>
          <Group mt={4}>
            <Radio value="True Positive" label="True Positive" />
            <Radio value="False Positive" label="False Positive" />
          </Group>
        </Radio.Group>
        <Textarea
          label="Note"
          placeholder="Why this verdict?"
          autosize
          minRows={3}
          maxRows={10}
          maxLength={NOTE_MAX_LENGTH}
          required
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          description={`${note.length}/${NOTE_MAX_LENGTH}`}
        />
        <FormError error={close.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" disabled={!verdict || !note.trim()} loading={close.isPending}>
            Close Alert
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
