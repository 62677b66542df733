// The Monitoring filter bar: severity, type, rule, date range, owner and free text (all in the URL).
import { Button, Group, Select, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import type { AlertFilters } from '../../hooks/use-alerts.ts';
import { fromLocalInput, toLocalInput } from '../../components/ui/format.ts';
import { ALERT_TYPES, hasFilters, SEVERITIES } from './monitoring-params.ts';

interface Props {
  filters: AlertFilters;
  onChange: (filters: AlertFilters) => void;
}

export function AlertFilterBar({ filters, onChange }: Props) {
  // text boxes keep their own draft while typing; clearing starts them afresh
  const [generation, setGeneration] = useState(0);
  const set = (patch: Partial<AlertFilters>) => onChange({ ...filters, ...patch });
  return (
    <Group gap="xs" mb="sm" wrap="wrap" align="flex-end">
      <DebouncedText
        key={`text-${generation}`}
        label="Search"
        placeholder="Rule, host, IP, URL…"
        icon
        value={filters.text}
        onCommit={(text) => set({ text })}
        w={230}
      />
      <Select
        label="Severity"
        placeholder="Any"
        data={SEVERITIES}
        value={filters.severity ?? null}
        onChange={(v) => set({ severity: (v ?? undefined) as AlertFilters['severity'] })}
        clearable
        size="xs"
        w={120}
      />
      <Select label="Type" placeholder="Any" data={ALERT_TYPES} value={filters.type ?? null} onChange={(v) => set({ type: v ?? undefined })} clearable size="xs" w={150} />
      <DebouncedText key={`rule-${generation}`} label="Rule" placeholder="SOC119" value={filters.rule} onCommit={(rule) => set({ rule })} w={120} />
      <DebouncedText key={`owner-${generation}`} label="Owner" placeholder="Anyone" value={filters.owner} onCommit={(owner) => set({ owner })} w={120} />
      <TextInput
        label="From"
        type="datetime-local"
        size="xs"
        value={toLocalInput(filters.from)}
        onChange={(e) => set({ from: fromLocalInput(e.currentTarget.value) })}
        w={180}
      />
      <TextInput label="To" type="datetime-local" size="xs" value={toLocalInput(filters.to)} onChange={(e) => set({ to: fromLocalInput(e.currentTarget.value) })} w={180} />
      {hasFilters(filters) && (
        <Button variant="subtle" color="gray" leftSection={<IconX size={14} />} onClick={() => {
            setGeneration((g) => g + 1);
            onChange({});
          }}>
          Clear
        </Button>
      )}
    </Group>
  );
}

interface DebouncedTextProps {
  label: string;
  placeholder: string;
  value: string | undefined;
  onCommit: (value: string | undefined) => void;
  w: number;
  icon?: boolean;
}

function DebouncedText({ label, placeholder, value, onCommit, w, icon }: DebouncedTextProps) {
  const [draft, setDraft] = useState(value ?? '');
  const commit = useDebouncedCallback((text: string) => onCommit(text.trim() || undefined), 350);
  return (
    <TextInput
      label={label}
      placeholder={placeholder}
      size="xs"
      w={w}
      leftSection={icon ? <IconSearch size={14} /> : undefined}
      value={draft}
      onChange={(e) => {
        setDraft(e.currentTarget.value);
        commit(e.currentTarget.value);
      }}
    />
  );
}
