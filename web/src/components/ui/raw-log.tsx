// A RAW LOG view: the raw line as `Key: value` lines when it is in that form, else the raw text and the parsed fields.
import { Code, Stack, Text } from '@mantine/core';
import { FieldLines } from './field-lines.tsx';

const SEPARATOR = ' · ';

/** Splits `Key: value · Key: value` into pairs; null when the raw line is not in that form. */
export function keyValueLines(raw: string): { label: string; value: string }[] | null {
  const parts = raw.split(SEPARATOR);
  const pairs = parts.map((part) => {
    const at = part.indexOf(': ');
    return at > 0 ? { label: part.slice(0, at), value: part.slice(at + 2) } : null;
  });
  return pairs.every((p) => p !== null) && pairs.length > 1 ? (pairs as { label: string; value: string }[]) : null;
}

export function RawLog({ raw, fields }: { raw: string; fields?: Record<string, unknown> }) {
  const lines = keyValueLines(raw);
  if (lines) return <FieldLines fields={lines} labelWidth={180} />;
  return (
    <Stack gap="xs">
      <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {raw}
      </Code>
      {fields && (
        <>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            Parsed fields
          </Text>
          <FieldLines fields={fieldEntries(fields)} labelWidth={220} />
        </>
      )}
    </Stack>
  );
}

export function fieldEntries(fields: Record<string, unknown>): { label: string; value: string }[] {
  return Object.keys(fields)
    .sort()
    .map((key) => ({ label: key, value: displayValue(fields[key]) }));
}

export function displayValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.map(displayValue).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
