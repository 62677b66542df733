// What a crashed page shows instead of a blank screen.
import { Button, Center, Stack } from '@mantine/core';
import { useRouteError } from 'react-router';
import { ErrorState } from '../ui/states.tsx';

export function RouteError() {
  const error = useRouteError();
  return (
    <Center h="100%" p="xl">
      <Stack>
        <ErrorState error={error} title="This page failed" onRetry={() => window.location.reload()} />
        <Button component="a" href="/monitoring" variant="subtle">
          Back to Monitoring
        </Button>
      </Stack>
    </Center>
  );
}
