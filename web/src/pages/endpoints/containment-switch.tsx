// The Containment switch ("Host Contained"): asks the server, which refuses when the agent is not running; the refusal is shown here.
import { Alert, Stack, Switch } from '@mantine/core';
import { errorText } from '../../api/errors.ts';
import type { HostDetail } from '../../api/types.ts';
import { useContainment } from '../../hooks/use-hosts.ts';

export function ContainmentSwitch({ host }: { host: HostDetail }) {
  const containment = useContainment(host.hostname);
  const checked = containment.isPending ? Boolean(containment.variables) : host.contained;
  return (
    <Stack gap={6} align="flex-end">
      <Switch
        label="Host Contained"
        labelPosition="left"
        color="orange"
        size="md"
        checked={checked}
        disabled={containment.isPending}
        onChange={(e) => containment.mutate(e.currentTarget.checked)}
        data-testid="containment-switch"
      />
      {containment.isError && (
        <Alert color="red" variant="light" py={6} role="alert" data-testid="containment-error" maw={420}>
          {errorText(containment.error)}
        </Alert>
      )}
    </Stack>
  );
}
