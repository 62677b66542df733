// Analyst Note: up to 3,000 characters with a live counter.
import { Button, Group, Text, Textarea } from '@mantine/core';
import { useState } from 'react';

export function NoteStep({ prompt, maxLength, onSubmit, pending }: { prompt: string; maxLength: number; onSubmit: (text: string) => void; pending: boolean }) {
  const [text, setText] = useState('');
  return (
    <>
      <Textarea
        aria-label="Analyst Note"
        placeholder={prompt}
        autosize
        minRows={5}
        maxRows={14}
        maxLength={maxLength}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
      />
      <Group justify="space-between" mt="xs">
        <Text size="xs" c={text.length >= maxLength ? 'red' : 'dimmed'} data-testid="note-counter">
          {text.length}/{maxLength}
        </Text>
        <Button onClick={() => onSubmit(text.trim())} disabled={!text.trim()} loading={pending}>
          Finish
        </Button>
      </Group>
    </>
  );
}
