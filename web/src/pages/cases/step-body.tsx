// One playbook step by kind: information (Next), a decision (answer buttons or a dropdown), Add Artifacts, or the Analyst Note.
import { Badge, Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { AnswerInput, PlaybookStep } from '../../api/types.ts';
import { FieldLines } from '../../components/ui/field-lines.tsx';
import { ArtifactsStep } from './artifacts-step.tsx';
import { NoteStep } from './note-step.tsx';
import { pickObservable, StepTools } from './step-tools.tsx';

interface Props {
  step: PlaybookStep;
  fields: readonly { label: string; value: string | null }[] | undefined;
  onAnswer: (input: AnswerInput) => void;
  pending: boolean;
  readOnly: boolean;
}

export function StepBody({ step, fields, onAnswer, pending, readOnly }: Props) {
  return (
    <Stack gap="sm" data-testid={`step-${step.id}`}>
      <Group gap="xs">
        <Title order={4}>{step.title}</Title>
        {'scored' in step && step.scored && (
          <Badge size="xs" variant="outline" color="yellow">
            scored
          </Badge>
        )}
      </Group>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {step.text}
      </Text>
      {step.kind === 'info' && step.fields.length > 0 && fields && (
        <Paper withBorder p="sm">
          <FieldLines fields={step.fields.map((label) => ({ label, value: fields.find((f) => f.label === label)?.value ?? null }))} />
        </Paper>
      )}
      <StepTools tools={'tools' in step ? step.tools : []} observable={pickObservable(fields)} />
      {!readOnly && <StepControls step={step} onAnswer={onAnswer} pending={pending} />}
    </Stack>
  );
}

function StepControls({ step, onAnswer, pending }: { step: PlaybookStep; onAnswer: (input: AnswerInput) => void; pending: boolean }) {
  switch (step.kind) {
    case 'info':
      return (
        <Group justify="flex-end">
          <Button onClick={() => onAnswer({ kind: 'next' })} loading={pending}>
            Next
          </Button>
        </Group>
      );
    case 'choice':
      return (
        <Group gap="sm">
          {step.options.map((option) => (
            <Button key={option.label} variant="light" size="sm" onClick={() => onAnswer({ kind: 'option', value: option.label })} disabled={pending}>
              {option.label}
            </Button>
          ))}
        </Group>
      );
    case 'select':
      return <SelectControl options={step.options.map((o) => o.label)} onAnswer={onAnswer} pending={pending} />;
    case 'artifacts':
      return <ArtifactsStep onSubmit={(artifacts) => onAnswer({ kind: 'artifacts', artifacts })} pending={pending} />;
    case 'note':
      return <NoteStep prompt={step.text} maxLength={step.maxLength} onSubmit={(text) => onAnswer({ kind: 'note', text })} pending={pending} />;
  }
}

function SelectControl({ options, onAnswer, pending }: { options: string[]; onAnswer: (input: AnswerInput) => void; pending: boolean }) {
  const [value, setValue] = useState<string | null>(null);
  return (
    <Group align="flex-end">
      <Select aria-label="Answer" placeholder="Choose…" data={options} value={value} onChange={setValue} style={{ flex: 1 }} />
      <Button disabled={!value} loading={pending} onClick={() => value && onAnswer({ kind: 'option', value })}>
        Next
      </Button>
    </Group>
  );
}
