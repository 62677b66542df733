// An alert's or event's fields as `label : value` lines, always rendered as text.
import { Box, Text } from '@mantine/core';
import classes from './field-lines.module.css';

export interface FieldLine {
  label: string;
  value: string | null;
}

export function FieldLines({ fields, labelWidth = 170, mono = true }: { fields: readonly FieldLine[]; labelWidth?: number; mono?: boolean }) {
  return (
    <Box className={classes.grid} style={{ gridTemplateColumns: `${labelWidth}px 12px 1fr` }} data-testid="field-lines">
      {fields.map((field, i) => (
        <FieldRow key={`${field.label}-${i}`} field={field} mono={mono} />
      ))}
    </Box>
  );
}

function FieldRow({ field, mono }: { field: FieldLine; mono: boolean }) {
  return (
    <>
      <Text size="sm" c="dimmed" className={classes.label}>
        {field.label}
      </Text>
      <Text size="sm" c="dimmed">
        :
      </Text>
      <Text size="sm" className={mono ? classes.value : classes.text}>
        {field.value ?? '—'}
      </Text>
    </>
  );
}
