// The time picker: a preset range or a custom from/to (local time), kept in the URL.
import { Group, Select, TextInput } from '@mantine/core';
import { IconClock } from '@tabler/icons-react';
import { fromLocalInput, toLocalInput } from '../../components/ui/format.ts';
import { RANGES, type RangeValue } from './log-params.ts';

interface Props {
  range: RangeValue;
  from: string | null;
  to: string | null;
  onChange: (change: { range: RangeValue; from?: string; to?: string }) => void;
}

const iso = (local: string): string | undefined => {
  const ms = fromLocalInput(local);
  return ms === undefined ? undefined : new Date(ms).toISOString();
};

export function TimeRangePicker({ range, from, to, onChange }: Props) {
  return (
    <Group gap={6} wrap="nowrap">
      <Select
        aria-label="Time range"
        leftSection={<IconClock size={14} />}
        data={RANGES.map((r) => ({ value: r.value, label: r.label }))}
        value={range}
        onChange={(value) => value && onChange({ range: value as RangeValue, from: from ?? undefined, to: to ?? undefined })}
        allowDeselect={false}
        size="xs"
        w={170}
      />
      {range === 'custom' && (
        <>
          <TextInput aria-label="From" type="datetime-local" size="xs" value={toLocalInput(from ?? undefined)} onChange={(e) => onChange({ range, from: iso(e.currentTarget.value), to: to ?? undefined })} />
          <TextInput aria-label="To" type="datetime-local" size="xs" value={toLocalInput(to ?? undefined)} onChange={(e) => onChange({ range, from: from ?? undefined, to: iso(e.currentTarget.value) })} />
        </>
      )}
    </Group>
  );
}
