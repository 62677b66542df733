// The training result of a closed alert: ✓ (right verdict) or ✗ (wrong), or a dash outside training.
import { Text } from '@mantine/core';

export function ResultMark({ result }: { result: '✓' | '✗' | null }) {
  if (result === null) return <Text c="dimmed">—</Text>;
  return (
    <Text fw={700} size="lg" c={result === '✓' ? 'teal' : 'red'} aria-label={result === '✓' ? 'correct' : 'wrong'} data-testid="result-mark">
      {result}
    </Text>
  );
}
