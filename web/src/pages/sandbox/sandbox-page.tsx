// Sandbox: static analysis of a file, or a URL opened in the isolated browser. Samples never run on the host.
import { Alert, Button, FileInput, Grid, Group, Paper, Text, TextInput, Title } from '@mantine/core';
import { IconFile, IconWorld } from '@tabler/icons-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { errorText } from '../../api/errors.ts';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { useAnalyzeFile, useAnalyzeUrl } from '../../hooks/use-analysis.ts';
import { FileReportView } from './file-report.tsx';
import { UrlReportView } from './url-report.tsx';

export function SandboxPage() {
  const [params] = useSearchParams();
  const [file, setFile] = useState<File | null>(null);
  const [url, setUrl] = useState(params.get('url') ?? '');
  const analyzeFile = useAnalyzeFile();
  const analyzeUrl = useAnalyzeUrl();

  return (
    <>
      <PageHeader title="Sandbox" subtitle="Files: hashes, type, PE structure, signature, YARA. URLs: an isolated headless browser. Nothing is executed on this host." />
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Paper withBorder p="md">
            <Title order={5} mb="xs">
              File
            </Title>
            <Group gap="xs" align="flex-end">
              <FileInput aria-label="Sample file" placeholder="Choose a sample" leftSection={<IconFile size={14} />} value={file} onChange={setFile} style={{ flex: 1 }} size="xs" clearable />
              <Button disabled={!file} loading={analyzeFile.isPending} onClick={() => file && analyzeFile.mutate(file)}>
                Analyse file
              </Button>
            </Group>
            {analyzeFile.isError && (
              <Alert color="red" variant="light" mt="sm">
                {errorText(analyzeFile.error)}
              </Alert>
            )}
            {analyzeFile.data && <FileReportView report={analyzeFile.data} />}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Paper withBorder p="md">
            <Title order={5} mb="xs">
              URL
            </Title>
            <Group
              component="form"
              gap="xs"
              onSubmit={(e: React.FormEvent) => {
                e.preventDefault();
                if (url.trim()) analyzeUrl.mutate(url.trim());
              }}
            >
              <TextInput aria-label="URL" placeholder="https://…" leftSection={<IconWorld size={14} />} value={url} onChange={(e) => setUrl(e.currentTarget.value)} style={{ flex: 1 }} size="xs" />
              <Button type="submit" disabled={!url.trim()} loading={analyzeUrl.isPending}>
                Open in sandbox
              </Button>
            </Group>
            <Text size="xs" c="dimmed" mt={4}>
              Only public addresses are visited; the workbench and private networks are refused.
            </Text>
            {analyzeUrl.isError && (
              <Alert color="red" variant="light" mt="sm">
                {errorText(analyzeUrl.error)}
              </Alert>
            )}
            {analyzeUrl.data && <UrlReportView report={analyzeUrl.data} />}
          </Paper>
        </Grid.Col>
      </Grid>
    </>
  );
}
