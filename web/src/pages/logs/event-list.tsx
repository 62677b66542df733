// Query mode's event list: a virtualised list of events, each expanding to all its fields and the raw log; more pages on demand.
import { Button, Center, Code, Group, Paper, Stack, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState } from 'react';
import type { LogEvent } from '../../api/types.ts';
import { FieldLines } from '../../components/ui/field-lines.tsx';
import { formatDateSeconds } from '../../components/ui/format.ts';
import { fieldEntries } from '../../components/ui/raw-log.tsx';

interface Props {
  events: readonly LogEvent[];
  hasMore: boolean;
  loadingMore: boolean;
  onMore: () => void;
}

export function EventList({ events, hasMore, loadingMore, onMore }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtual = useVirtualizer({ count: events.length, getScrollElement: () => scroller.current, estimateSize: () => 30, overscan: 12 });
  const toggle = (id: number) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <Paper withBorder>
      <div ref={scroller} style={{ height: 'calc(100vh - 390px)', minHeight: 240, overflow: 'auto' }} data-testid="event-list">
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((item) => {
            const event = events[item.index];
            if (!event) return null;
            const expanded = open.has(event.id);
            return (
              <div
                key={event.id}
                data-index={item.index}
                ref={virtual.measureElement}
                style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${item.start}px)` }}
              >
                <Group
                  gap="xs"
                  wrap="nowrap"
                  px="xs"
                  py={5}
                  className="clickable-row"
                  onClick={() => toggle(event.id)}
                  style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
                  data-testid="log-event"
                >
                  {expanded ? <IconChevronDown size={14} style={{ flexShrink: 0 }} /> : <IconChevronRight size={14} style={{ flexShrink: 0 }} />}
                  <Text size="xs" c="dimmed" w={170} style={{ flexShrink: 0 }}>
                    {formatDateSeconds(event.timestamp)}
                  </Text>
                  <Text size="xs" className="mono" truncate>
                    {event.raw}
                  </Text>
                </Group>
                {expanded && (
                  <Stack gap="xs" p="sm" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
                    <FieldLines fields={fieldEntries(event.fields)} labelWidth={230} />
                    <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                      {event.raw}
                    </Code>
                  </Stack>
                )}
              </div>
            );
          })}
        </div>
        {hasMore && (
          <Center py="xs">
            <Button variant="subtle" loading={loadingMore} onClick={onMore}>
              Load more events
            </Button>
          </Center>
        )}
      </div>
    </Paper>
  );
}
