// Your API tokens (Authorization: Bearer wf_…): create one (its secret is shown once), list them, revoke.
import { Alert, Badge, Button, Code, CopyButton, Group, NumberInput, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { TokenRow } from '../../api/types.ts';
import { formatDate } from '../../components/ui/format.ts';
import { EmptyState, ErrorState, FormError, LoadingState } from '../../components/ui/states.tsx';
import { useCreateToken, useRevokeToken, useTokens } from '../../hooks/use-settings.ts';

function tokenState(t: TokenRow): { label: string; color: string } {
  if (t.revokedAt) return { label: 'revoked', color: 'gray' };
  if (t.expiresAt && Date.parse(t.expiresAt) < Date.now()) return { label: 'expired', color: 'gray' };
  return { label: 'active', color: 'teal' };
}

export function TokensPanel() {
  const tokens = useTokens();
  const revoke = useRevokeToken();
  return (
    <>
      <CreateTokenForm />
      {tokens.isPending ? (
        <LoadingState />
      ) : tokens.isError ? (
        <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : tokens.data.length === 0 ? (
        <EmptyState>No API token.</EmptyState>
      ) : (
        <Table data-testid="tokens-table">
          <Table.Thead>
            <Table.Tr>
              {['NAME', 'PREFIX', 'CREATED', 'EXPIRES', 'LAST USED', 'STATE', ''].map((h) => (
                <Table.Th key={h} fz="xs" c="dimmed">
                  {h}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tokens.data.map((t) => {
              const state = tokenState(t);
              return (
                <Table.Tr key={t.id}>
                  <Table.Td fw={600}>{t.name}</Table.Td>
                  <Table.Td className="mono">{t.prefix}…</Table.Td>
                  <Table.Td>{formatDate(t.createdAt)}</Table.Td>
                  <Table.Td>{t.expiresAt ? formatDate(t.expiresAt) : 'never'}</Table.Td>
                  <Table.Td>{formatDate(t.lastUsedAt)}</Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={state.color}>
                      {state.label}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {state.label === 'active' && (
                      <Button size="xs" variant="default" color="red" loading={revoke.isPending && revoke.variables === t.id} onClick={() => revoke.mutate(t.id)}>
                        Revoke
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}

function CreateTokenForm() {
  const create = useCreateToken();
  const [name, setName] = useState('');
  const [days, setDays] = useState<string | number>(90);
  const [secret, setSecret] = useState<string | null>(null);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const expiresInDays = Number(days) > 0 ? Number(days) : undefined;
    create.mutate({ name: name.trim(), ...(expiresInDays ? { expiresInDays } : {}) }, {
        onSuccess(r) {
          setSecret(r.token);
          setName('');
        },
      });
  };
  return (
    <>
      <Group component="form" onSubmit={submit} align="flex-end" gap="xs" mb="sm">
        <TextInput label="New token" placeholder="what it is for" required value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <NumberInput label="Expires in (days)" description="empty: never" min={1} max={3650} value={days} onChange={setDays} w={150} />
        <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
          Create token
        </Button>
      </Group>
      <FormError error={create.error} mb="sm" />
      {secret && (
        <Alert color="teal" variant="light" mb="sm" withCloseButton onClose={() => setSecret(null)} title="Your new token — copy it now, it is not shown again" data-testid="new-token">
          <Group gap="xs">
            <Code>{secret}</Code>
            <CopyButton value={secret}>
              {({ copied, copy }) => (
                <Button size="compact-xs" variant="light" onClick={copy}>
                  {copied ? 'Copied' : 'Copy'}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Text size="xs" c="dimmed" mt={4}>
            Send it as <Code>Authorization: Bearer …</Code>.
          </Text>
        </Alert>
      )}
    </>
  );
}
