// Log Management: Basic and Query modes over the same URL state (mode, q, range/from/to), so a search is a deep link.
import { SegmentedControl } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { BasicMode } from './basic-mode.tsx';
import { readLogQuery, readMode, readRange, type RangeValue } from './log-params.ts';
import { QueryMode } from './query-mode.tsx';
import { TimeRangePicker } from './time-range-picker.tsx';

export function LogsPage() {
  const [params, setParams] = useSearchParams();
  const mode = readMode(params);
  const query = readLogQuery(params);
  const range = readRange(params);

  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined || value === '') next.delete(key);
      else next.set(key, value);
    }
    setParams(next);
  };
  const onRange = ({ range: value, from, to }: { range: RangeValue; from?: string; to?: string }) =>
    update(value === 'custom' ? { range: 'custom', from, to } : { range: value === 'all' ? undefined : value, from: undefined, to: undefined });
  const picker = <TimeRangePicker range={range} from={params.get('from')} to={params.get('to')} onChange={onRange} />;
  const key = `${mode}|${query.q}|${query.from ?? ''}|${query.to ?? ''}`;

  return (
    <>
      <PageHeader title="Log Management" subtitle="Every ingested event: proxy, firewall, DNS, mail, OS and web server logs.">
        <SegmentedControl
          size="xs"
          value={mode}
          onChange={(value) => update({ mode: value === 'query' ? 'query' : undefined })}
          data={[
            { value: 'basic', label: 'Basic' },
            { value: 'query', label: 'Query' },
          ]}
        />
        {mode === 'basic' && picker}
      </PageHeader>
      {mode === 'basic' ? (
        <BasicMode key={key} query={query} onSearch={(q) => update({ q })} />
      ) : (
        <QueryMode key={key} query={query} onSearch={(q) => update({ q })} timePicker={picker} />
      )}
    </>
  );
}
