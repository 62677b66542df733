// A host's agent state as a badge: Online, Host Contained, Agent Down, No Agent Installed.
import { Badge } from '@mantine/core';

const COLORS: Record<string, string> = { Online: 'teal', 'Host Contained': 'orange', 'Agent Down': 'red', 'No Agent Installed': 'gray' };

export function HostStateBadge({ state, size = 'sm', testId = 'host-state' }: { state: string; size?: 'xs' | 'sm' | 'md'; testId?: string }) {
  return (
    <Badge color={COLORS[state] ?? 'gray'} variant={state === 'Online' ? 'light' : 'filled'} radius="sm" size={size} data-testid={testId}>
      {state}
    </Badge>
  );
}
