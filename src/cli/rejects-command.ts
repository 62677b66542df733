// `watchfloor rejects`: lists the lines ingest kept aside, with file, line number and reason.
import { openStore, type GlobalOptions } from './context.ts';

export interface RejectsOptions extends GlobalOptions {
  file?: string;
  limit?: number;
}

export interface RejectRecord {
  path: string;
  line: number;
  reason: string;
  raw: string;
}

export async function rejectsCommand(options: RejectsOptions): Promise<{ rejects: RejectRecord[] }> {
  const store = await openStore(options);
  try {
    let query = store.db.selectFrom('rejects').select(['path', 'line_no', 'reason', 'raw']).orderBy('id').limit(options.limit ?? 100);
    if (options.file) query = query.where('path', '=', options.file);
    const rows = await query.execute();
    return { rejects: rows.map((r) => ({ path: r.path, line: r.line_no, reason: r.reason, raw: r.raw })) };
  } finally {
    await store.close();
  }
}

export function formatRejects(result: { rejects: RejectRecord[] }): string {
  if (result.rejects.length === 0) return 'no rejected lines';
  return result.rejects
    .map((r) => `${r.path}:${r.line}: ${r.reason}\n    ${JSON.stringify(r.raw.length > 200 ? `${r.raw.slice(0, 200)}…` : r.raw)}`)
    .join('\n');
}
