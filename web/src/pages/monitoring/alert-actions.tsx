// Row actions per channel: Take Ownership (Main), Create Case and Close Alert (Investigation), Re-investigate (Closed).
import { Button, Group } from '@mantine/core';
import { useNavigate } from 'react-router';
import { useCreateCase, useReinvestigate, useTakeOwnership } from '../../hooks/use-alerts.ts';

export function TakeOwnershipButton({ eventId }: { eventId: number }) {
  const take = useTakeOwnership();
  return (
    <Button variant="light" loading={take.isPending} onClick={(e) => (e.stopPropagation(), take.mutate(eventId))}>
      Take Ownership
    </Button>
  );
}

export function useOpenCase() {
  const create = useCreateCase();
  const navigate = useNavigate();
  return {
    open: (eventId: number) => create.mutate(eventId, { onSuccess: (result) => void navigate(`/cases/${result.caseId}`) }),
    pending: create.isPending,
  };
}

export function InvestigationActions({ eventId, onClose }: { eventId: number; onClose: (eventId: number) => void }) {
  const { open, pending } = useOpenCase();
  return (
    <Group gap={6} wrap="nowrap">
      <Button variant="light" loading={pending} onClick={(e) => (e.stopPropagation(), open(eventId))}>
        Create Case
      </Button>
      <Button variant="light" color="gray" onClick={(e) => (e.stopPropagation(), onClose(eventId))}>
        Close Alert
      </Button>
    </Group>
  );
}

export function ReinvestigateButton({ eventId, disabled }: { eventId: number; disabled?: boolean }) {
  const reinvestigate = useReinvestigate();
  return (
    <Button variant="light" color="gray" disabled={disabled} loading={reinvestigate.isPending} onClick={(e) => (e.stopPropagation(), reinvestigate.mutate(eventId))}>
      Re-investigate
    </Button>
  );
}
