// Your own password: the current one, then the new one twice; the server checks the current one and ends your other sessions.
import { Button, Group, PasswordInput } from '@mantine/core';
import { FormError } from '../../components/ui/states.tsx';
import { useState } from 'react';
import { useChangeOwnPassword } from '../../hooks/use-settings.ts';

/** The server's lower bound (src/auth/password-hash.ts), checked here too so the form can say so before sending. */
const MIN_LENGTH = 12;

export function PasswordPanel() {
  const change = useChangeOwnPassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const tooShort = next.length > 0 && next.length < MIN_LENGTH;
  const mismatch = again.length > 0 && again !== next;
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    change.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess() {
          setCurrent('');
          setNext('');
          setAgain('');
        },
      },
    );
  };
  return (
    <>
      <Group component="form" onSubmit={submit} align="flex-start" gap="xs" mb={change.isError ? 'sm' : 0}>
        <PasswordInput label="Current password" required value={current} onChange={(e) => setCurrent(e.currentTarget.value)} w={220} autoComplete="current-password" />
        <PasswordInput
          label="New password"
          required
          value={next}
          onChange={(e) => setNext(e.currentTarget.value)}
          error={tooShort ? `at least ${MIN_LENGTH} characters` : undefined}
          w={220}
          autoComplete="new-password"
        />
        <PasswordInput
          label="New password again"
          required
          value={again}
          onChange={(e) => setAgain(e.currentTarget.value)}
          error={mismatch ? 'not the same as the new password' : undefined}
          w={220}
          autoComplete="new-password"
        />
        <Button type="submit" mt={25} loading={change.isPending} disabled={!current || next.length < MIN_LENGTH || again !== next}>
          Change password
        </Button>
      </Group>
      <FormError error={change.error} />
    </>
  );
}
