// A table of cases (GET /api/cases): each row links to its case page; closed ones show the verdict and training result.
import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { CaseRow, ClosedRow } from '../../api/types.ts';
import { formatDate } from '../../components/ui/format.ts';
import { ResultMark } from '../../components/ui/result-mark.tsx';

export function CaseTable({ cases, closed }: { cases: readonly CaseRow[]; closed?: ReadonlyMap<number, ClosedRow> }) {
  const headers = ['CASE', 'INCIDENT', 'TYPE', 'OWNER', 'CREATED', ...(closed ? ['VERDICT', 'RESULT', 'SCORE'] : [])];
  return (
    <Table highlightOnHover data-testid={closed ? 'closed-cases' : 'open-cases'}>
      <Table.Thead>
        <Table.Tr>
          {headers.map((h) => (
            <Table.Th key={h} fz="xs" c="dimmed">
              {h}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {cases.map((c) => {
          const outcome = closed?.get(c.eventId);
          return (
            <Table.Tr key={c.id} data-case-id={c.id}>
              <Table.Td>
                <Text size="sm" c="dimmed">
                  #{c.id}
                </Text>
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/cases/${c.id}`} size="sm">
                  {c.name}
                </Anchor>
              </Table.Td>
              <Table.Td>{c.type}</Table.Td>
              <Table.Td>{c.owner}</Table.Td>
              <Table.Td>
                <Text size="sm" className="nowrap">
                  {formatDate(c.createdAt)}
                </Text>
              </Table.Td>
              {closed && (
                <>
                  <Table.Td>{outcome?.verdict ?? '—'}</Table.Td>
                  <Table.Td>
                    <ResultMark result={outcome?.result ?? null} />
                  </Table.Td>
                  <Table.Td>{outcome?.score ? `${outcome.score.total} pts` : '—'}</Table.Td>
                </>
              )}
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
