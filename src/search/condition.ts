// A search's whole WHERE condition: the compiled query AND its time range.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { compileQuery } from './compile.ts';
import { parseQuery } from './query-parser.ts';
import { timeCondition, type TimeRange } from './time-range.ts';

/** Throws QuerySyntaxError for a malformed query. */
export function searchCondition(query: string, range: TimeRange): RawBuilder<SqlBool> {
  const conditions = [compileQuery(parseQuery(query)), ...timeCondition(range)];
  return sql<SqlBool>`${sql.join(conditions, sql` AND `)}`;
}
