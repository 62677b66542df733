// A page's title line with optional actions on the right.
import { Group, Text, Title } from '@mantine/core';

export function PageHeader({ title, subtitle, children }: { title: string; subtitle?: React.ReactNode; children?: React.ReactNode }) {
  return (
    <Group justify="space-between" align="flex-end" mb="sm" wrap="nowrap">
      <div>
        <Title order={3} fw={600}>
          {title}
        </Title>
        {subtitle && (
          <Text size="sm" c="dimmed">
            {subtitle}
          </Text>
        )}
      </div>
      {children && <Group gap="xs">{children}</Group>}
    </Group>
  );
}
