// `watchfloor search QUERY`: runs a query over stored events and prints a page of them.
import { searchEvents } from '../search/search.ts';
import { openStore, type GlobalOptions } from './context.ts';

export interface SearchCommandOptions extends GlobalOptions {
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
  sort: 'asc' | 'desc';
  raw?: boolean;
}

export type SearchCommandResult = Awaited<ReturnType<typeof searchEvents>>;

export async function searchCommand(query: string, options: SearchCommandOptions): Promise<SearchCommandResult> {
  const store = await openStore(options);
  try {
    return await searchEvents(store, {
      query,
      from: options.from,
      to: options.to,
      limit: options.limit,
      cursor: options.cursor,
      sort: options.sort,
    });
  } finally {
    await store.close();
  }
}

const SUMMARY_FIELDS = ['source.ip', 'http.request.method', 'url.original', 'http.response.status_code', 'user.name'];

export function formatSearchResult(result: SearchCommandResult, options: { raw?: boolean }): string {
  const lines = result.events.map((e) => {
    if (options.raw) return e.raw;
    const parts = SUMMARY_FIELDS.map((f) => e.fields[f]).filter((v) => v !== undefined);
    return `${new Date(e.timestamp).toISOString()} [${e.fields['event.dataset']}] ${parts.join(' ')}`;
  });
  const total = `${result.total}${result.totalCapped ? '+' : ''}`;
  lines.push(`${result.events.length} of ${total} events (${result.tookMs.toFixed(1)} ms)`);
  if (result.nextCursor) lines.push(`next page: --cursor ${result.nextCursor}`);
  return lines.join('\n');
}
