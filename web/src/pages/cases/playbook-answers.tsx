// The answers given so far, step by step (the current attempt; withdrawn and abandoned answers are left out).
import { Paper, Table, Text, Title } from '@mantine/core';
import type { AnswerValue, CaseView } from '../../api/types.ts';
import { formatDate } from '../../components/ui/format.ts';

export function answerText(value: AnswerValue): string {
  switch (value.kind) {
    case 'next':
      return 'Next';
    case 'option':
      return value.value;
    case 'artifacts':
      return value.artifacts.map((a) => `${a.type}: ${a.value}`).join('; ');
    case 'note':
      return value.text;
  }
}

export function PlaybookAnswers({ kase }: { kase: CaseView }) {
  const answers = kase.history.filter((a) => a.status === 'current');
  const title = (stepId: string) => kase.playbook.steps.find((s) => s.id === stepId)?.title ?? stepId;
  return (
    <Paper withBorder p="md">
      <Title order={5} mb="xs">
        Playbook answers
      </Title>
      {answers.length === 0 ? (
        <Text size="sm" c="dimmed">
          Not started: press Start Playbook.
        </Text>
      ) : (
        <Table verticalSpacing={4} data-testid="playbook-answers">
          <Table.Tbody>
            {answers.map((a) => (
              <Table.Tr key={a.seq}>
                <Table.Td w={240} fw={500}>
                  {title(a.stepId)}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{answerText(a.value)}</Table.Td>
                <Table.Td w={200} c="dimmed" fz="xs">
                  {a.who} · {formatDate(a.at)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
