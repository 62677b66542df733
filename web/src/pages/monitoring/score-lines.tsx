// A closed alert's training score as PRODUCT.md §5 shows it: the verdict line, one line per ★ answer, the total and success rate.
import { Group, List, Stack, Text } from '@mantine/core';
import type { ClosedAlertScore } from '../../api/types.ts';

export function ScoreLines({ score }: { score: ClosedAlertScore }) {
  const [verdictLine, ...stepLines] = score.lines;
  return (
    <Stack gap={4} data-testid="score-lines">
      {verdictLine && <ScoreText text={verdictLine} />}
      {stepLines.length > 0 && (
        <>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} mt={4}>
            Playbook Answers
          </Text>
          <List size="sm" spacing={2} listStyleType="none">
            {stepLines.map((line, i) => (
              <List.Item key={i}>
                <ScoreText text={line} />
              </List.Item>
            ))}
          </List>
        </>
      )}
      <Group gap="lg" mt={4}>
        <Text size="sm">
          Total <b>{score.total}</b> points
        </Text>
        {score.successRate !== null && (
          <Text size="sm" c="dimmed">
            Success rate {Math.round(score.successRate * 100)}%
          </Text>
        )}
      </Group>
    </Stack>
  );
}

function ScoreText({ text }: { text: string }) {
  const wrong = text.startsWith('✗');
  return (
    <Text size="sm" c={wrong ? 'red' : 'teal'} className="mono">
      {text}
    </Text>
  );
}
