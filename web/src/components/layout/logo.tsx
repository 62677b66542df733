// The Watchfloor mark and name.
import { Group, Text } from '@mantine/core';
import { Link } from 'react-router';

export function Logo() {
  return (
    <Link to="/monitoring" style={{ textDecoration: 'none', color: 'inherit' }}>
      <Group gap={8}>
        <img src="/favicon.svg" width={22} height={22} alt="" />
        <Text fw={700} size="md" style={{ letterSpacing: 0.3 }}>
          Watchfloor
        </Text>
      </Group>
    </Link>
  );
}
