// The lookup links of an analysis step: the third-party services (new tab, no referrer) and Watchfloor's own lookup and sandbox.
import { Anchor, Group, Text } from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { StepTool } from '../../api/types.ts';

export function StepTools({ tools, observable }: { tools: readonly StepTool[]; observable: string | null }) {
  if (tools.length === 0) return null;
  return (
    <Group gap="md" data-testid="step-tools">
      <Text size="xs" c="dimmed">
        Tools:
      </Text>
      {tools.map((tool) => {
        if (tool.kind === 'external' && tool.url) {
          return (
            <Anchor key={tool.id} href={tool.url} target="_blank" rel="noopener noreferrer" size="sm">
              <Group gap={3} component="span">
                {tool.label}
                <IconExternalLink size={12} />
              </Group>
            </Anchor>
          );
        }
        const to = tool.kind === 'lookup' ? '/intel' : '/sandbox';
        const query = observable ? `?${new URLSearchParams(tool.kind === 'lookup' ? { lookup: observable } : { url: observable })}` : '';
        return (
          <Anchor key={tool.id} component={Link} to={`${to}${query}`} target="_blank" size="sm" fw={600}>
            {tool.label}
          </Anchor>
        );
      })}
    </Group>
  );
}

const OBSERVABLE_LABELS = ['Request URL', 'Requested URL', 'File Hash', 'Destination Address', 'Destination IP Address', 'Source IP Address', 'SMTP Address'];

/** The alert's most useful observable for lookups: its URL, else its hash, else its remote address. */
export function pickObservable(fields: readonly { label: string; value: string | null }[] | undefined): string | null {
  for (const label of OBSERVABLE_LABELS) {
    const value = fields?.find((f) => f.label === label)?.value;
    if (value) return value;
  }
  return null;
}
