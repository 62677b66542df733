// Reads a YAML file against a zod schema; every problem comes back as file:line:column: reason.
import { isNode, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';

export interface PackError {
  file: string;
  line: number;
  column: number;
  reason: string;
}

export function formatPackError(e: PackError): string {
  return `${e.file}:${e.line}:${e.column}: ${e.reason}`;
}

export function readYaml<S extends z.ZodType>(text: string, file: string, schema: S): { value?: z.infer<S>; errors: PackError[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => lines.linePos(offset);
  if (doc.errors.length > 0) {
    return {
      errors: doc.errors.map((e) => {
        const pos = at(e.pos[0]);
        return { file, line: pos.line, column: pos.col, reason: e.message.split('\n')[0] ?? e.message };
      }),
    };
  }
  const parsed = schema.safeParse(doc.toJS({ maxAliasCount: 100 }));
  if (parsed.success) return { value: parsed.data, errors: [] };
  return {
    errors: parsed.error.issues.map((issue) => {
      // the deepest node on the issue's path that exists in the document gives the position
      let node: unknown = undefined;
      for (let depth = issue.path.length; depth >= 0 && !isNode(node); depth--) node = doc.getIn(issue.path.slice(0, depth) as (string | number)[], true);
      const offset = isNode(node) && node.range ? node.range[0] : 0;
      const pos = at(offset);
      const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      return { file, line: pos.line, column: pos.col, reason: `${where}${issue.message}` };
    }),
  };
}
