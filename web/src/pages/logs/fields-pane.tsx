// Interesting fields: the top values per field over the search; a value click adds `field:value` to the query.
import { Badge, Group, Paper, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import type { LogFields } from '../../api/types.ts';
import { formatCount } from '../../components/ui/format.ts';

export function FieldsPane({ data, onPick }: { data: LogFields | undefined; onPick: (field: string, value: string | number) => void }) {
  const fields = (data?.fields ?? []).filter((f) => f.values.length > 0 && f.field !== '@timestamp');
  return (
    <Paper withBorder p="xs" h="100%">
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" mb={6}>
        Interesting fields
      </Text>
      <ScrollArea h="calc(100vh - 330px)" type="auto" offsetScrollbars>
        <Stack gap="sm" data-testid="fields-pane">
          {fields.map((field) => (
            <div key={field.field}>
              <Group justify="space-between" gap={4} wrap="nowrap">
                <Text size="xs" fw={600} className="mono" truncate>
                  {field.field}
                </Text>
                <Badge size="xs" variant="light" color="gray">
                  {formatCount(field.present)}
                </Badge>
              </Group>
              {field.values.map((v) => (
                <UnstyledButton
                  key={String(v.value)}
                  onClick={() => onPick(field.field, v.value)}
                  title={`Add ${field.field}:${String(v.value)} to the query`}
                  display="block"
                  w="100%"
                  px={4}
                  style={{ borderRadius: 4 }}
                  className="field-value"
                >
                  <Group justify="space-between" wrap="nowrap" gap={4}>
                    <Text size="xs" truncate className="mono">
                      {String(v.value)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {formatCount(v.count)}
                    </Text>
                  </Group>
                </UnstyledButton>
              ))}
            </div>
          ))}
          {fields.length === 0 && (
            <Text size="xs" c="dimmed">
              No field to show.
            </Text>
          )}
        </Stack>
      </ScrollArea>
    </Paper>
  );
}
