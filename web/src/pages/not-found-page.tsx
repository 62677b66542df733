// An unknown app path.
import { Button, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <Stack align="flex-start">
      <Title order={3}>Nothing here</Title>
      <Text c="dimmed">This address is not a Watchfloor page.</Text>
      <Button component={Link} to="/monitoring" variant="light">
        Go to Monitoring
      </Button>
    </Stack>
  );
}
