// Email Security (/email, deep link /email/:id): quick and detailed search, the mailbox table, and the open message.
import { Paper, ScrollArea, Text } from '@mantine/core';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { useEmails } from '../../hooks/use-emails.ts';
import { readSearch, writeSearch } from './email-params.ts';
import { EmailSearchBar } from './email-search.tsx';
import { EmailTable } from './email-table.tsx';
import { EmailPanel } from './email-view.tsx';

export function EmailPage() {
  const id = Number(useParams().id) || null;
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const search = readSearch(params);
  const emails = useEmails(search);
  const query = params.toString() ? `?${params.toString()}` : '';
  const go = (path: string, nextQuery = query) => void navigate(`${path}${nextQuery}`);

  return (
    <>
      <PageHeader title="Email Security" subtitle="The mailboxes: search, read safely, download attachments, delete." />
      <EmailSearchBar
        search={search}
        onSearch={(next) => {
          const q = writeSearch(next).toString();
          go(id ? `/email/${id}` : '/email', q ? `?${q}` : '');
        }}
      />
      <Paper withBorder mb="md">
        {emails.isPending ? (
          <LoadingState />
        ) : emails.isError ? (
          <ErrorState error={emails.error} onRetry={() => void emails.refetch()} />
        ) : emails.data.length === 0 ? (
          <EmptyState>No e-mail matches.</EmptyState>
        ) : (
          <ScrollArea.Autosize mah={id ? 280 : undefined}>
            <EmailTable emails={emails.data} selected={id} onOpen={(next) => go(`/email/${next}`)} />
          </ScrollArea.Autosize>
        )}
        {emails.data && (
          <Text size="xs" c="dimmed" px="sm" py={6}>
            {emails.data.length} e-mail{emails.data.length === 1 ? '' : 's'}
          </Text>
        )}
      </Paper>
      {id && <EmailPanel id={id} onDeleted={() => go('/email')} />}
    </>
  );
}
