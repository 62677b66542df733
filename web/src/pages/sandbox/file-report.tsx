// A file's static analysis: summary, hashes, YARA matches, signature and PE details (as text), warnings.
import { Accordion, Badge, Code, Group, Stack, Text } from '@mantine/core';
import type { FileReport } from '../../api/types.ts';
import { FieldLines } from '../../components/ui/field-lines.tsx';
import { formatBytes } from '../../components/ui/format.ts';

export function FileReportView({ report }: { report: FileReport }) {
  return (
    <Stack gap="sm" mt="md" data-testid="file-report">
      <FieldLines
        labelWidth={90}
        fields={[
          { label: 'Name', value: report.name },
          { label: 'Size', value: formatBytes(report.size) },
          { label: 'Type', value: `${report.type.description} (${report.type.mime})` },
          { label: 'MD5', value: report.hashes.md5 },
          { label: 'SHA1', value: report.hashes.sha1 },
          { label: 'SHA256', value: report.hashes.sha256 },
        ]}
      />
      <Group gap={6}>
        <Text size="sm" fw={600}>
          YARA
        </Text>
        {report.yara.length === 0 ? (
          <Text size="sm" c="dimmed">
            no rule matched
          </Text>
        ) : (
          report.yara.map((m) => (
            <Badge key={`${m.namespace}:${m.rule}`} color="red" variant="light">
              {m.rule}
            </Badge>
          ))
        )}
      </Group>
      {report.warnings.length > 0 && (
        <Text size="sm" c="orange">
          {report.warnings.join(' · ')}
        </Text>
      )}
      <Accordion variant="contained" chevronPosition="left">
        {report.authenticode && <JsonSection value="authenticode" title="Signature (Authenticode)" data={report.authenticode} />}
        {report.pe && <JsonSection value="pe" title="PE structure" data={report.pe} />}
        {report.archive && <JsonSection value="archive" title="Archive" data={report.archive} />}
      </Accordion>
    </Stack>
  );
}

function JsonSection({ value, title, data }: { value: string; title: string; data: unknown }) {
  return (
    <Accordion.Item value={value}>
      <Accordion.Control>{title}</Accordion.Control>
      <Accordion.Panel>
        <Code block mah={360} style={{ overflow: 'auto' }}>
          {JSON.stringify(data, null, 2)}
        </Code>
      </Accordion.Panel>
    </Accordion.Item>
  );
}
