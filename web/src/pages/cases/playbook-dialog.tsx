// The playbook as a step dialog: the current step with its answers, and back / restart.
import { Alert, Badge, Button, Group, Modal, Progress, Stack, Text } from '@mantine/core';
import { IconArrowBackUp, IconRefresh } from '@tabler/icons-react';
import type { AnswerInput, CaseView, PlaybookStep } from '../../api/types.ts';
import { FormError } from '../../components/ui/states.tsx';
import { useAnswerStep, useRestartPlaybook, useStepBack } from '../../hooks/use-cases.ts';
import { StepBody } from './step-body.tsx';

interface Props {
  kase: CaseView;
  fields: readonly { label: string; value: string | null }[] | undefined;
  opened: boolean;
  onClose: () => void;
  onFinished: () => void;
}

export function PlaybookDialog({ kase, fields, opened, onClose, onFinished }: Props) {
  const answer = useAnswerStep(kase.id);
  const back = useStepBack(kase.id);
  const restart = useRestartPlaybook(kase.id);
  const steps = kase.playbook.steps;
  const step: PlaybookStep | undefined = steps.find((s) => s.id === kase.current);
  const position = step ? steps.indexOf(step) + 1 : steps.length;
  const answered = kase.history.some((a) => a.status === 'current');
  const error = answer.error ?? back.error ?? restart.error;
  const busy = answer.isPending || back.isPending || restart.isPending;
  const closed = kase.status !== 'open';

  const send = (input: AnswerInput) => {
    if (!step) return;
    back.reset();
    restart.reset();
    answer.mutate({ stepId: step.id, input }, { onSuccess: (result) => result.current === null && onFinished() });
  };

  return (
    <Modal opened={opened} onClose={onClose} size="xl" title={<PlaybookTitle name={kase.playbook.name} />} centered>
      <Stack gap="md">
        <Progress value={(position / steps.length) * 100} size="xs" />
        {step ? (
          <StepBody key={step.id} step={step} fields={fields} onAnswer={send} pending={answer.isPending} readOnly={closed} />
        ) : (
          <Alert color="teal" variant="light" title="Playbook complete">
            Every step is answered. Close the alert with your verdict.
          </Alert>
        )}
        <FormError error={error} testId="step-error" />
        <Group justify="space-between">
          <Group gap="xs">
            <Button
              variant="default"
              leftSection={<IconArrowBackUp size={14} />}
              disabled={!answered || busy || closed}
              onClick={() => {
                answer.reset();
                back.mutate();
              }}
            >
              Back
            </Button>
            <Button
              variant="subtle"
              color="gray"
              leftSection={<IconRefresh size={14} />}
              disabled={!answered || busy || closed}
              onClick={() => {
                answer.reset();
                restart.mutate();
              }}
            >
              Restart
            </Button>
          </Group>
          {!step && !closed && <Button onClick={onFinished}>Close Alert</Button>}
        </Group>
      </Stack>
    </Modal>
  );
}

function PlaybookTitle({ name }: { name: string }) {
  return (
    <Group gap="xs">
      <Text fw={600}>Playbook</Text>
      <Badge variant="light">{name}</Badge>
    </Group>
  );
}
