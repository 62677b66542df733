// Settings: users (admins), your password, your API tokens, and which threat-intel providers are configured.
import { Paper, Stack, Text, Title } from '@mantine/core';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { LoadingState } from '../../components/ui/states.tsx';
import { useMe } from '../../hooks/use-auth.ts';
import { PasswordPanel } from './password-panel.tsx';
import { ProvidersPanel } from './providers-panel.tsx';
import { TokensPanel } from './tokens-panel.tsx';
import { UsersPanel } from './users-panel.tsx';

function Section({ title, note, children }: { title: string; note: string; children: React.ReactNode }) {
  return (
    <Paper withBorder p="md">
      <Title order={5}>{title}</Title>
      <Text size="xs" c="dimmed" mb="sm">
        {note}
      </Text>
      {children}
    </Paper>
  );
}

export function SettingsPage() {
  const me = useMe();
  if (!me.data) return <LoadingState />;
  const { name, role } = me.data.user;
  return (
    <>
      <PageHeader title="Settings" subtitle={`Signed in as ${name} (${role}).`} />
      <Stack gap="md">
        {role === 'admin' && (
          <Section title="Users" note="Add analysts, leads and admins, change their roles and reset their passwords; a disabled user's sessions end and their tokens stop working.">
            <UsersPanel me={name} />
          </Section>
        )}
        <Section title="Your password" note="Changing it ends your other sessions.">
          <PasswordPanel />
        </Section>
        <Section title="Your API tokens" note="For scripts and the CLI. A token's secret is shown once, when it is created.">
          <TokensPanel />
        </Section>
        <Section title="Threat-intel providers" note="Which sources lookups ask. API keys are set on the server and never shown here.">
          <ProvidersPanel />
        </Section>
      </Stack>
    </>
  );
}
