// A case (deep link /cases/:caseId): Incident Details, the alert's fields, Start Playbook, the answers so far, and the score once closed.
import { Anchor, Breadcrumbs, Button, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { FieldLines } from '../../components/ui/field-lines.tsx';
import { ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { useAlert } from '../../hooks/use-alerts.ts';
import { useCase } from '../../hooks/use-cases.ts';
import { displayFields } from '../monitoring/alert-details.tsx';
import { CloseAlertDialog } from '../monitoring/close-alert-dialog.tsx';
import { ScoreLines } from '../monitoring/score-lines.tsx';
import { IncidentDetails } from './incident-details.tsx';
import { PlaybookAnswers } from './playbook-answers.tsx';
import { PlaybookDialog } from './playbook-dialog.tsx';

export function CasePage() {
  const caseId = Number(useParams().caseId);
  const kase = useCase(caseId);
  const alert = useAlert(kase.data?.eventId ?? 0);
  const [playing, setPlaying] = useState(false);
  const [closing, setClosing] = useState<number | null>(null);

  if (kase.isPending) return <LoadingState label="Loading the case…" />;
  if (kase.isError) return <ErrorState error={kase.error} onRetry={() => void kase.refetch()} />;
  const c = kase.data;
  const started = c.history.some((a) => a.status === 'current');
  const finished = c.current === null;
  const canClose = c.status === 'open' && alert.data?.channel === 'investigation';

  return (
    <Stack gap="md" maw={1280}>
      <Breadcrumbs>
        <Anchor component={Link} to="/cases" size="sm">
          Case Management
        </Anchor>
        <Text size="sm">Case {c.id}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start">
        <Title order={3} data-testid="incident-name">
          {c.name}
        </Title>
        <Group gap="xs">
          {c.status === 'open' && (
            <Button size="sm" leftSection={<IconPlayerPlay size={14} />} onClick={() => setPlaying(true)}>
              {finished ? 'Review Playbook' : started ? 'Continue Playbook' : 'Start Playbook'}
            </Button>
          )}
          {canClose && (
            <Button size="sm" variant={finished ? 'filled' : 'default'} color={finished ? 'teal' : undefined} onClick={() => setClosing(c.eventId)}>
              Close Alert
            </Button>
          )}
        </Group>
      </Group>
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="md">
            <IncidentDetails kase={c} />
            {c.score && (
              <Paper withBorder p="md">
                <Title order={5} mb="xs">
                  Score
                </Title>
                <ScoreLines score={c.score} />
              </Paper>
            )}
            <PlaybookAnswers kase={c} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Paper withBorder p="md">
            <Group justify="space-between" mb="sm">
              <Title order={5}>Alert</Title>
              <Anchor component={Link} to={`/alerts/${c.eventId}`} size="sm">
                EventID {c.eventId}
              </Anchor>
            </Group>
            {alert.data ? <FieldLines fields={displayFields(alert.data)} labelWidth={150} /> : alert.isError ? <ErrorState error={alert.error} /> : <LoadingState />}
          </Paper>
        </Grid.Col>
      </Grid>
      <PlaybookDialog
        kase={c}
        fields={alert.data?.fields}
        opened={playing}
        onClose={() => setPlaying(false)}
        onFinished={() => {
          setPlaying(false);
          if (canClose) setClosing(c.eventId);
        }}
      />
      <CloseAlertDialog eventId={closing} onDone={() => setClosing(null)} />
    </Stack>
  );
}
