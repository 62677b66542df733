// Per-rule true/false positives with the true-positive rate, and the training scores per analyst.
import { Group, Progress, Table, Text } from '@mantine/core';
import type { AnalystTotals, RuleOutcome } from '../../api/types.ts';
import { formatPercent } from '../../components/ui/format.ts';
import { EmptyState } from '../../components/ui/states.tsx';

function Head({ headers }: { headers: string[] }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {headers.map((h) => (
          <Table.Th key={h} fz="xs" c="dimmed">
            {h}
          </Table.Th>
        ))}
      </Table.Tr>
    </Table.Thead>
  );
}

export function RuleOutcomes({ rules }: { rules: readonly RuleOutcome[] }) {
  if (rules.length === 0) return <EmptyState>No closed alert yet: verdicts per rule appear here.</EmptyState>;
  return (
    <Table data-testid="rule-outcomes">
      <Head headers={['RULE', 'TRUE POSITIVES', 'FALSE POSITIVES', 'TRUE-POSITIVE RATE']} />
      <Table.Tbody>
        {rules.map((r) => (
          <Table.Tr key={r.rule}>
            <Table.Td>{r.rule}</Table.Td>
            <Table.Td>{r.truePositives}</Table.Td>
            <Table.Td>{r.falsePositives}</Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <Progress value={r.truePositiveRate * 100} color="teal" w={90} size="sm" aria-label={`true-positive rate of ${r.rule}`} />
                <Text size="sm">{formatPercent(r.truePositiveRate)}</Text>
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function AnalystScores({ analysts }: { analysts: readonly AnalystTotals[] }) {
  if (analysts.length === 0) return <EmptyState>No scored alert yet: closing a scenario's alert scores it against the answer key.</EmptyState>;
  return (
    <Table data-testid="analyst-scores">
      <Head headers={['ANALYST', 'CLOSED', 'CORRECT VERDICTS', 'VERDICT PTS', 'PLAYBOOK PTS', 'TOTAL', '★ SUCCESS']} />
      <Table.Tbody>
        {analysts.map((a) => (
          <Table.Tr key={a.analyst}>
            <Table.Td fw={600}>{a.analyst}</Table.Td>
            <Table.Td>{a.closedAlerts}</Table.Td>
            <Table.Td>
              {a.correctVerdicts}/{a.closedAlerts}
            </Table.Td>
            <Table.Td>{a.verdictPoints}</Table.Td>
            <Table.Td>{a.playbookPoints}</Table.Td>
            <Table.Td fw={700}>{a.total}</Table.Td>
            <Table.Td>{formatPercent(a.successRate)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
