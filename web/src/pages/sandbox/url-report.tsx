// A URL sandbox run: status, final URL and title, the screenshot, the redirect chain, downloads (with their analysis) and requests.
import { Badge, Image, Stack, Table, Text, Title } from '@mantine/core';
import type { UrlReport } from '../../api/types.ts';
import { FieldLines } from '../../components/ui/field-lines.tsx';
import { formatBytes } from '../../components/ui/format.ts';
import { screenshotUrl } from '../../hooks/use-analysis.ts';
import { FileReportView } from './file-report.tsx';

export function UrlReportView({ report }: { report: UrlReport }) {
  return (
    <Stack gap="sm" mt="md" data-testid="url-report">
      <FieldLines
        labelWidth={90}
        fields={[
          { label: 'Status', value: report.statusDetail ? `${report.status}: ${report.statusDetail}` : report.status },
          { label: 'Final URL', value: report.finalUrl },
          { label: 'Title', value: report.title },
          { label: 'Time', value: `${Math.round(report.timings.totalMs)} ms` },
        ]}
      />
      {report.screenshot && <Image src={screenshotUrl(report.screenshot.sha256)} alt="Screenshot of the page" radius="sm" mah={360} fit="contain" />}
      <Title order={6}>Redirect chain</Title>
      <Table verticalSpacing={2} fz="xs">
        <Table.Tbody>
          {report.redirectChain.map((hop, i) => (
            <Table.Tr key={i}>
              <Table.Td w={60}>{hop.status ?? '—'}</Table.Td>
              <Table.Td className="mono" style={{ overflowWrap: 'anywhere' }}>
                {hop.url}
              </Table.Td>
              <Table.Td w={120}>{hop.blocked ? <Badge color="red" size="xs">{hop.blocked}</Badge> : hop.via}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {report.downloads.map((d) => (
        <Stack key={d.url} gap={4}>
          <Text size="sm" fw={600}>
            Download: {d.suggestedFilename} ({formatBytes(d.size)}, {d.status})
          </Text>
          {d.file && <FileReportView report={d.file} />}
        </Stack>
      ))}
      <Title order={6}>Requests ({report.requests.length})</Title>
      <Table verticalSpacing={2} fz="xs">
        <Table.Tbody>
          {report.requests.slice(0, 100).map((r, i) => (
            <Table.Tr key={i}>
              <Table.Td w={50}>{r.method}</Table.Td>
              <Table.Td w={50}>{r.status ?? '—'}</Table.Td>
              <Table.Td className="mono" style={{ overflowWrap: 'anywhere' }}>
                {r.url}
              </Table.Td>
              <Table.Td w={90}>{r.blocked ?? r.failure ?? r.resourceType}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
