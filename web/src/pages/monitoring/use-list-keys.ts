// Keyboard navigation of a row list: j/k move the selection, o expands it, Enter opens it, plus page-specific keys.
import { useHotkeys } from '@mantine/hooks';
import { useState } from 'react';

export interface ListKeys {
  selected: number | null;
  setSelected: (id: number) => void;
  expanded: ReadonlySet<number>;
  toggle: (id: number) => void;
}

export function useListKeys(ids: readonly number[], extra: [string, (selected: number) => void][], onOpen: (selected: number) => void): ListKeys {
  const [chosen, setSelected] = useState<number | null>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  // the selection follows the list: a row that left it (taken, closed) hands the selection to the first row
  const selected = chosen !== null && ids.includes(chosen) ? chosen : (ids[0] ?? null);

  const toggle = (id: number) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const move = (delta: number) => {
    if (ids.length === 0) return;
    const at = selected === null ? -1 : ids.indexOf(selected);
    const next = ids[Math.min(ids.length - 1, Math.max(0, at + delta))];
    if (next !== undefined) {
      setSelected(next);
      document.querySelector(`[data-row-id="${next}"]`)?.scrollIntoView({ block: 'nearest' });
    }
  };
  const withSelected = (fn: (id: number) => void) => () => {
    if (selected !== null) fn(selected);
  };

  useHotkeys([
    ['j', () => move(1)],
    ['k', () => move(-1)],
    ['o', withSelected(toggle)],
    ['Enter', withSelected(onOpen)],
    ...extra.map(([key, fn]): [string, () => void] => [key, withSelected(fn)]),
  ]);

  return { selected, setSelected, expanded, toggle };
}
