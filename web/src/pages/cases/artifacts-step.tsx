// Add Artifacts: rows of Value, Comment and Type; empty rows are checked here, values by the server (validated and normalised by type).
import { ActionIcon, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { Artifact } from '../../api/types.ts';
import { ARTIFACT_TYPES } from '../../../../src/soc/artifacts/types.ts';


interface Row {
  key: number;
  value: string;
  comment: string;
  type: string | null;
}

let nextKey = 1;
const emptyRow = (): Row => ({ key: nextKey++, value: '', comment: '', type: null });

export function rowProblems(rows: readonly Row[]): Map<number, string> {
  const problems = new Map<number, string>();
  rows.forEach((row) => {
    if (!row.value.trim()) problems.set(row.key, 'Enter a value');
    else if (!row.type) problems.set(row.key, 'Choose a type');
  });
  return problems;
}

export function ArtifactsStep({ onSubmit, pending }: { onSubmit: (artifacts: Artifact[]) => void; pending: boolean }) {
  const [rows, setRows] = useState<Row[]>(() => [emptyRow()]);
  const [tried, setTried] = useState(false);
  const problems = rowProblems(rows);
  const update = (key: number, patch: Partial<Row>) => setRows((current) => current.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const submit = () => {
    setTried(true);
    if (problems.size > 0) return;
    onSubmit(rows.map((r) => ({ type: r.type ?? '', value: r.value.trim(), ...(r.comment.trim() ? { comment: r.comment.trim() } : {}) })));
  };

  return (
    <Stack gap="xs">
      {rows.map((row, i) => (
        <Group key={row.key} gap="xs" align="flex-start" wrap="nowrap" data-testid="artifact-row">
          <TextInput
            aria-label={`Artifact ${i + 1} value`}
            placeholder="Value"
            value={row.value}
            onChange={(e) => update(row.key, { value: e.currentTarget.value })}
            error={tried && problems.get(row.key) === 'Enter a value' ? 'Enter a value' : undefined}
            style={{ flex: 2 }}
            size="xs"
          />
          <TextInput
            aria-label={`Artifact ${i + 1} comment`}
            placeholder="Comment"
            value={row.comment}
            onChange={(e) => update(row.key, { comment: e.currentTarget.value })}
            style={{ flex: 1.4 }}
            size="xs"
          />
          <Select
            aria-label={`Artifact ${i + 1} type`}
            placeholder="Type"
            data={ARTIFACT_TYPES}
            value={row.type}
            onChange={(type) => update(row.key, { type })}
            error={tried && problems.get(row.key) === 'Choose a type' ? 'Choose a type' : undefined}
            w={150}
            size="xs"
            searchable
            allowDeselect={false}
          />
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={`Remove artifact ${i + 1}`}
            disabled={rows.length === 1}
            onClick={() => setRows((current) => current.filter((r) => r.key !== row.key))}
            mt={4}
          >
            <IconTrash size={14} />
          </ActionIcon>
        </Group>
      ))}
      <Group justify="space-between">
        <Button variant="subtle" leftSection={<IconPlus size={14} />} onClick={() => setRows((current) => [...current, emptyRow()])}>
          Add artifact
        </Button>
        <Button onClick={submit} loading={pending}>
          Next
        </Button>
      </Group>
      {tried && problems.size > 0 && (
        <Text size="xs" c="red">
          Every row needs a value and a type.
        </Text>
      )}
    </Stack>
  );
}
