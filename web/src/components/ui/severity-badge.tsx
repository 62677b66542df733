// Severity as a coloured badge: Low, Medium, High, Critical.
import { Badge } from '@mantine/core';

const COLORS: Record<string, string> = { Low: 'gray', Medium: 'yellow', High: 'orange', Critical: 'red' };

export function SeverityBadge({ severity }: { severity: string }) {
  return (
    <Badge color={COLORS[severity] ?? 'gray'} variant="light" radius="sm" size="sm" w={74}>
      {severity}
    </Badge>
  );
}
