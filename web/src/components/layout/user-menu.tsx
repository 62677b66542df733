// The signed-in analyst, their role, and log out.
import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconLogout } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import type { Session } from '../../api/types.ts';
import { useLogout } from '../../hooks/use-auth.ts';

export function UserMenu({ session }: { session: Session }) {
  const logout = useLogout();
  const navigate = useNavigate();
  const { name, role } = session.user;
  return (
    <Menu position="bottom-end" width={200}>
      <Menu.Target>
        <UnstyledButton aria-label="Account">
          <Group gap={8}>
            <Avatar size={28} radius="xl" color="blue">
              {name.slice(0, 2).toUpperCase()}
            </Avatar>
            <div>
              <Text size="sm" fw={500} lh={1.1} data-testid="current-user">
                {name}
              </Text>
              <Text size="xs" c="dimmed" lh={1.1}>
                {role}
              </Text>
            </div>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => logout.mutate(undefined, { onSettled: () => void navigate('/login') })}>
          Log out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
