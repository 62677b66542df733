// The `zeek` parser: TSV and JSON Zeek logs in one stream, with http downloads joined to files.log/pe.log facts.
import type { EventFields } from '../event.ts';
import type { LineOutcome, LineParser } from './types.ts';
import { parseZeekJsonLine } from './zeek-json.ts';
import type { ZeekFileFacts, ZeekSidecars } from './zeek-sidecars.ts';
import { createZeekTsvParser } from './zeek-tsv.ts';

const JSON_TS = /"ts"\s*:/;
const JSON_ZEEK_KEY = /"(?:uid|fuid|_path|@stream)"\s*:/;

/** A cheap sniff for format detection: a Zeek TSV header line, or a JSON object with `ts` and a Zeek id or path key. */
export function looksLikeZeek(line: string): boolean {
  if (line.startsWith('#separator') || line.startsWith('#fields\t')) return true;
  return line.startsWith('{') && JSON_TS.test(line) && JSON_ZEEK_KEY.test(line);
}

/** The ECS file.* facts of a joined file, and every joined file listed under zeek.files.* (present values only). */
const JOIN_LISTS = [
  ['md5', 'zeek.files.md5'],
  ['sha1', 'zeek.files.sha1'],
  ['sha256', 'zeek.files.sha256'],
  ['mime_type', 'zeek.files.mime_type'],
  ['filename', 'zeek.files.filename'],
] as const;

function joinResponseFiles(fields: EventFields, sidecars: ZeekSidecars): void {
  const fuids = fields['zeek.http.resp_fuids'];
  if (!Array.isArray(fuids)) return;
  let firstFacts: ZeekFileFacts | undefined;
  const joined: string[] = [];
  for (const fuid of fuids) {
    const facts = sidecars.files.get(String(fuid));
    if (!facts) continue;
    firstFacts ??= facts;
    joined.push(String(fuid));
  }
  if (!firstFacts) return;
  if (firstFacts.md5) fields['file.hash.md5'] = firstFacts.md5;
  if (firstFacts.sha1) fields['file.hash.sha1'] = firstFacts.sha1;
  if (firstFacts.sha256) fields['file.hash.sha256'] = firstFacts.sha256;
  if (firstFacts.mime_type) fields['file.mime_type'] = firstFacts.mime_type;
  if (firstFacts.filename && fields['file.name'] === undefined) fields['file.name'] = firstFacts.filename;
  if (firstFacts.total_bytes !== undefined) fields['file.size'] = firstFacts.total_bytes;
  if (firstFacts.pe) Object.assign(fields, firstFacts.pe);
  fields['zeek.files.fuid'] = joined;
  for (const [fact, list] of JOIN_LISTS) {
    const values: string[] = [];
    for (const fuid of joined) {
      const value = sidecars.files.get(fuid)?.[fact];
      if (value) values.push(value);
    }
    if (values.length > 0) fields[list] = values;
  }
}

/**
 * A Zeek parser for one file: lines starting with `{` are JSON records, `#` lines are TSV headers, other lines are TSV
 * rows read by the current `#fields`. With sidecars, http records get the hashes, type, size and PE facts of their
 * first response file that files.log/pe.log describe, and all joined files under `zeek.files.*`.
 */
export function createZeekParser(options: { sidecars?: ZeekSidecars | undefined } = {}): LineParser {
  const tsv = createZeekTsvParser();
  const sidecars = options.sidecars;

  function parse(input: string, lineNo: number): LineOutcome {
    const unterminated = input.endsWith('\r') ? input.slice(0, -1) : input;
    const line = unterminated.charCodeAt(0) === 0xfeff ? unterminated.slice(1) : unterminated;
    const outcome = line.startsWith('{') ? parseZeekJsonLine(line) : tsv.parseLine(line, lineNo);
    if (sidecars && outcome.kind === 'event' && outcome.event.fields['event.dataset'] === 'zeek.http') {
      joinResponseFiles(outcome.event.fields, sidecars);
    }
    return outcome;
  }

  return {
    format: 'zeek',
    parseLine(line: string, lineNo: number): LineOutcome {
      try {
        return parse(line, lineNo);
      } catch (error) {
        return { kind: 'reject', reason: `Zeek parser error: ${error instanceof Error ? error.message : String(error)}` };
      }
    },
  };
}
