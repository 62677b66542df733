// Loading, empty and error states: a failed call always shows what failed and a way to retry, never a blank page; a
// form's own error inline.
import { Alert, Button, Center, Group, Loader, Stack, Text, type MantineSpacing } from '@mantine/core';
import { IconAlertTriangle, IconPlugConnectedX } from '@tabler/icons-react';
import { errorText, isApiError } from '../../api/errors.ts';

export function LoadingState({ label = 'Loading…' }: { label?: string }) {
  return (
    <Center py="xl">
      <Group gap="xs">
        <Loader size="sm" />
        <Text c="dimmed" size="sm">
          {label}
        </Text>
      </Group>
    </Center>
  );
}

export function EmptyState({ children }: { children: React.ReactNode }) {
  return (
    <Center py="xl">
      <Text c="dimmed" size="sm">
        {children}
      </Text>
    </Center>
  );
}

export function ErrorState({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const network = isApiError(error) && error.isNetwork;
  return (
    <Alert
      color="red"
      variant="light"
      role="alert"
      title={title ?? (network ? 'The server is unreachable' : 'Something failed')}
      icon={network ? <IconPlugConnectedX size={18} /> : <IconAlertTriangle size={18} />}
      my="md"
    >
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{errorText(error)}</Text>
        {onRetry && (
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            Try again
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

/** A form's own error, shown inline where the form is (its mutation is marked `inlineError`); nothing without one. */
export function FormError({ error, mb, testId }: { error: unknown; mb?: MantineSpacing; testId?: string }) {
  if (!error) return null;
  return (
    <Alert color="red" variant="light" role="alert" mb={mb} data-testid={testId}>
      {errorText(error)}
    </Alert>
  );
}
