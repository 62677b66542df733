// The RAW LOG view of one event: `Key: value` lines (or the raw line and its parsed fields).
import { Modal } from '@mantine/core';
import type { LogEvent } from '../../api/types.ts';
import { formatDateSeconds } from '../../components/ui/format.ts';
import { RawLog } from '../../components/ui/raw-log.tsx';

export function RawLogModal({ event, onClose }: { event: LogEvent | null; onClose: () => void }) {
  return (
    <Modal opened={event !== null} onClose={onClose} title={event ? `RAW LOG · ${formatDateSeconds(event.timestamp)}` : 'RAW LOG'} size="xl" centered>
      {event && <RawLog raw={event.raw} fields={event.fields} />}
    </Modal>
  );
}
