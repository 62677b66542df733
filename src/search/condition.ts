// A search's whole WHERE condition: the compiled query AND its time range.
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Database } from '../store/schema.ts';
import { compileQuery } from './compile.ts';
import { parseQuery } from './query-parser.ts';
import { timeCondition, type TimeRange } from './time-range.ts';
import { estimateTrigramCounts, probeTrigrams, urlPatterns } from './url-trigrams.ts';

/** Throws QuerySyntaxError for a malformed query. URL patterns are planned on the trigram index's frequencies. */
export async function searchCondition(db: Kysely<Database>, query: string, range: TimeRange): Promise<RawBuilder<SqlBool>> {
  const tree = parseQuery(query);
  const counts = await estimateTrigramCounts(db, probeTrigrams(urlPatterns(tree)));
  const conditions = [compileQuery(tree, counts), ...timeCondition(range)];
  return sql<SqlBool>`${sql.join(conditions, sql` AND `)}`;
}
