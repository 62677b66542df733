// Endpoint Security (/endpoints, deep link /endpoints/:hostname): the host list with search, and the chosen host's information and tabs.
import { Grid } from '@mantine/core';
import { useParams, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { EmptyState } from '../../components/ui/states.tsx';
import { HostList } from './host-list.tsx';
import { HostPanel } from './host-panel.tsx';

export function EndpointsPage() {
  const { hostname } = useParams();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const setQuery = (value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set('q', value);
    else next.delete('q');
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader title="Endpoint Security" subtitle="Hosts with their processes, network actions, terminal and browser history; contain a host." />
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, md: 4, lg: 3 }}>
          <HostList q={q} onSearch={setQuery} selected={hostname} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8, lg: 9 }}>
          {hostname ? <HostPanel key={hostname} hostname={hostname} /> : <EmptyState>Choose a host to see its information.</EmptyState>}
        </Grid.Col>
      </Grid>
    </>
  );
}
