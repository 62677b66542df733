// Users (admin): the list with roles and state, add a user with a role (a password is generated and shown once when left empty), disable / enable.
import { Alert, Badge, Button, Code, Group, PasswordInput, Select, Table, TextInput } from '@mantine/core';
import { useState } from 'react';
import { errorText } from '../../api/errors.ts';
import type { Role } from '../../api/soc-types.ts';
import { formatDate } from '../../components/ui/format.ts';
import { ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { useCreateUser, useSetUserDisabled, useUsers } from '../../hooks/use-settings.ts';

const ROLES: Role[] = ['analyst', 'lead', 'admin'];

export function UsersPanel({ me }: { me: string }) {
  const users = useUsers(true);
  const toggle = useSetUserDisabled();
  if (users.isPending) return <LoadingState />;
  if (users.isError) return <ErrorState error={users.error} onRetry={() => void users.refetch()} />;
  return (
    <>
      <AddUserForm />
      <Table data-testid="users-table">
        <Table.Thead>
          <Table.Tr>
            {['NAME', 'ROLE', 'CREATED', 'STATE', ''].map((h) => (
              <Table.Th key={h} fz="xs" c="dimmed">
                {h}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.data.map((u) => (
            <Table.Tr key={u.id} data-user={u.name}>
              <Table.Td fw={600}>{u.name}</Table.Td>
              <Table.Td>{u.role}</Table.Td>
              <Table.Td>{formatDate(u.createdAt)}</Table.Td>
              <Table.Td>
                <Badge size="sm" variant="light" color={u.disabled ? 'red' : 'teal'}>
                  {u.disabled ? 'disabled' : 'active'}
                </Badge>
              </Table.Td>
              <Table.Td>
                {u.name !== me && (
                  <Button
                    size="xs"
                    variant={u.disabled ? 'light' : 'default'}
                    color={u.disabled ? 'teal' : 'red'}
                    loading={toggle.isPending && toggle.variables.id === u.id}
                    onClick={() => toggle.mutate({ id: u.id, disabled: !u.disabled })}
                  >
                    {u.disabled ? 'Enable' : 'Disable'}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}

function AddUserForm() {
  const create = useCreateUser();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('analyst');
  const [password, setPassword] = useState('');
  const [generated, setGenerated] = useState<{ name: string; password: string } | null>(null);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    create.mutate(
      { name: name.trim(), role, ...(password ? { password } : {}) },
      {
        onSuccess(result) {
          setGenerated(result.password ? { name: result.user.name, password: result.password } : null);
          setName('');
          setPassword('');
        },
      },
    );
  };
  return (
    <>
      <Group component="form" onSubmit={submit} align="flex-end" gap="xs" mb="sm">
        <TextInput label="New user" placeholder="name" required value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <Select label="Role" data={ROLES} value={role} onChange={(v) => setRole((v as Role | null) ?? 'analyst')} allowDeselect={false} w={120} />
        <PasswordInput label="Password" placeholder="empty: generate one" value={password} onChange={(e) => setPassword(e.currentTarget.value)} w={220} />
        <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
          Add user
        </Button>
      </Group>
      {create.isError && (
        <Alert color="red" variant="light" role="alert" mb="sm">
          {errorText(create.error)}
        </Alert>
      )}
      {generated && (
        <Alert color="teal" variant="light" mb="sm" withCloseButton onClose={() => setGenerated(null)} title={`Password of ${generated.name} (shown once)`}>
          <Code>{generated.password}</Code>
        </Alert>
      )}
    </>
  );
}
