// One open channel (Main or Investigation): its table with keyboard navigation and its row actions.
import type { UseQueryResult } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { AlertList, Channel } from '../../api/types.ts';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { useTakeOwnership } from '../../hooks/use-alerts.ts';
import { InvestigationActions, TakeOwnershipButton, useOpenCase } from './alert-actions.tsx';
import { AlertTable } from './alert-table.tsx';
import { useListKeys } from './use-list-keys.ts';

interface Props {
  channel: Exclude<Channel, 'closed'>;
  query: UseQueryResult<AlertList>;
  onClose: (eventId: number) => void;
}

export function ChannelView({ channel, query, onClose }: Props) {
  const navigate = useNavigate();
  const take = useTakeOwnership();
  const { open } = useOpenCase();
  const alerts = query.data?.alerts ?? [];
  const keys = useListKeys(
    alerts.map((a) => a.eventId),
    channel === 'main' ? [['t', (id) => take.mutate(id)]] : [['c', open]],
    (id) => void navigate(`/alerts/${id}`),
  );

  if (query.isPending) return <LoadingState label="Loading alerts…" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (alerts.length === 0) {
    return <EmptyState>{channel === 'main' ? 'No alert waiting in the Main Channel.' : 'Nothing under investigation: take ownership of an alert in the Main Channel.'}</EmptyState>;
  }
  return (
    <AlertTable
      alerts={alerts}
      selected={keys.selected}
      expanded={keys.expanded}
      onSelect={keys.setSelected}
      onToggle={keys.toggle}
      showOwner={channel === 'investigation'}
      action={(alert) => (channel === 'main' ? <TakeOwnershipButton eventId={alert.eventId} /> : <InvestigationActions eventId={alert.eventId} onClose={onClose} />)}
    />
  );
}
