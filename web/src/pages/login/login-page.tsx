// Log in; afterwards the analyst lands where they were (the return-to URL) or on Monitoring.
import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { errorText, isApiError } from '../../api/errors.ts';
import { Logo } from '../../components/layout/logo.tsx';
import { safeNext } from '../../components/layout/return-to.ts';
import { ThemeToggle } from '../../components/layout/theme-toggle.tsx';
import { useLogin } from '../../hooks/use-auth.ts';

export function LoginPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const login = useLogin();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const next = params.get('next');

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    login.mutate({ name: name.trim(), password }, { onSuccess: () => void navigate(safeNext(next), { replace: true }) });
  };

  return (
    <Center h="100%" p="md" style={{ position: 'relative' }}>
      <div style={{ position: 'absolute', top: 12, right: 12 }}>
        <ThemeToggle />
      </div>
      <Paper withBorder shadow="sm" p="xl" w={360} component="form" onSubmit={submit}>
        <Stack gap="md">
          <Logo />
          <Text size="sm" c="dimmed">
            Sign in to the SOC workbench.
          </Text>
          {next && !login.isError && (
            <Text size="xs" c="dimmed" data-testid="return-to">
              You will return to {safeNext(next)}.
            </Text>
          )}
          {login.isError && (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={16} />} role="alert" data-testid="login-error">
              {isApiError(login.error) && login.error.status === 401 ? 'Wrong user name or password.' : errorText(login.error)}
            </Alert>
          )}
          <TextInput label="User name" name="username" autoComplete="username" required autoFocus value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <PasswordInput
            label="Password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <Button type="submit" size="sm" loading={login.isPending}>
            Log in
          </Button>
        </Stack>
      </Paper>
    </Center>
  );
}
