// Users (admin): the list with roles and state, add a user with a role (a password is generated and shown once when left
// empty), change a role, reset a password (generated and shown once when left empty; their sessions end), disable / enable.
import { Alert, Badge, Button, Code, Group, Modal, PasswordInput, Select, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Role } from '../../api/types.ts';
import { formatDate } from '../../components/ui/format.ts';
import { ErrorState, FormError, LoadingState } from '../../components/ui/states.tsx';
import { useCreateUser, useResetPassword, useSetUserDisabled, useSetUserRole, useUsers } from '../../hooks/use-settings.ts';

const ROLES: Role[] = ['analyst', 'lead', 'admin'];

export function UsersPanel({ me }: { me: string }) {
  const users = useUsers(true);
  const toggle = useSetUserDisabled();
  const setRole = useSetUserRole();
  const [resetting, setResetting] = useState<{ id: number; name: string } | null>(null);
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
              <Table.Td>
                {u.name === me ? (
                  u.role
                ) : (
                  <Select
                    aria-label={`Role of ${u.name}`}
                    size="xs"
                    w={110}
                    data={ROLES}
                    value={u.role}
                    allowDeselect={false}
                    disabled={setRole.isPending && setRole.variables.id === u.id}
                    onChange={(v) => v && v !== u.role && setRole.mutate({ id: u.id, role: v as Role })}
                  />
                )}
              </Table.Td>
              <Table.Td>{formatDate(u.createdAt)}</Table.Td>
              <Table.Td>
                <Badge size="sm" variant="light" color={u.disabled ? 'red' : 'teal'}>
                  {u.disabled ? 'disabled' : 'active'}
                </Badge>
              </Table.Td>
              <Table.Td>
                {u.name !== me && (
                  <Group gap="xs" justify="flex-end" wrap="nowrap">
                    <Button size="xs" variant="default" onClick={() => setResetting({ id: u.id, name: u.name })}>
                      Reset password
                    </Button>
                    <Button
                      size="xs"
                      variant={u.disabled ? 'light' : 'default'}
                      color={u.disabled ? 'teal' : 'red'}
                      loading={toggle.isPending && toggle.variables.id === u.id}
                      onClick={() => toggle.mutate({ id: u.id, disabled: !u.disabled })}
                    >
                      {u.disabled ? 'Enable' : 'Disable'}
                    </Button>
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {resetting && <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />}
    </>
  );
}

function ResetPasswordModal({ user, onClose }: { user: { id: number; name: string }; onClose: () => void }) {
  const reset = useResetPassword();
  const [password, setPassword] = useState('');
  const [done, setDone] = useState<{ generated?: string } | null>(null);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    reset.mutate({ id: user.id, ...(password ? { password } : {}) }, { onSuccess: (result) => setDone({ generated: result.password }) });
  };
  return (
    <Modal opened onClose={onClose} title={`Reset the password of ${user.name}`}>
      {done ? (
        <>
          <Text size="sm" mb="sm">
            The password of {user.name} is reset and their sessions have ended.
          </Text>
          {done.generated && (
            <Alert color="teal" variant="light" title="New password (shown once)" mb="sm">
              <Code data-testid="reset-password">{done.generated}</Code>
            </Alert>
          )}
          <Button onClick={onClose}>Done</Button>
        </>
      ) : (
        <form onSubmit={submit}>
          <Text size="sm" c="dimmed" mb="sm">
            Their sessions end at once. Leave the field empty to generate a password, shown here once.
          </Text>
          <PasswordInput label="New password" placeholder="empty: generate one" value={password} onChange={(e) => setPassword(e.currentTarget.value)} mb="sm" data-autofocus />
          <FormError error={reset.error} mb="sm" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={reset.isPending}>
              Reset password
            </Button>
          </Group>
        </form>
      )}
    </Modal>
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
      <FormError error={create.error} mb="sm" />
      {generated && (
        <Alert color="teal" variant="light" mb="sm" withCloseButton onClose={() => setGenerated(null)} title={`Password of ${generated.name} (shown once)`}>
          <Code>{generated.password}</Code>
        </Alert>
      )}
    </>
  );
}
