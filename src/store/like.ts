// Case-insensitive (ASCII) substring filters for the SOC lists, with the user's text taken literally (no LIKE wildcards).
import { sql, type RawBuilder, type SqlBool } from 'kysely';

export function containsText(column: string, text: string): RawBuilder<SqlBool> {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`${sql.ref(column)} LIKE ${pattern} ESCAPE '\\'`;
}
