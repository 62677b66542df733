// One CSV record per line (abuse.ch dumps): quoted fields, doubled quotes, and the ", " separators ThreatFox and MalwareBazaar use.

/** Splits a CSV line; undefined when a quote is left open. Whitespace around quoted fields is dropped. */
export function splitCsvLine(line: string): string[] | undefined {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    let field = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (i >= line.length) return undefined;
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += line[i++];
      }
      while (line[i] === ' ' || line[i] === '\t') i++;
    } else {
      const end = line.indexOf(',', i);
      field = (end === -1 ? line.slice(i) : line.slice(i, end)).trim();
      i = end === -1 ? line.length : end;
    }
    fields.push(field);
    if (i >= line.length) return fields;
    if (line[i] !== ',') return undefined;
    i++;
  }
}
