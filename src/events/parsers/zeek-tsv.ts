// Reads Zeek's header-driven TSV logs (#separator, #fields, #types…) row by row into records mapped to ECS events.
import type { LineOutcome, LineParser } from './types.ts';
import { inferZeekPath, readZeekTime, zeekEvent, zeekMapper, type ZeekFieldMapper, type ZeekValue } from './zeek-fields.ts';

type Convert = (text: string) => ZeekValue;

interface Column {
  container: boolean;
  convert: Convert;
  map: ZeekFieldMapper;
}

/** What a header block says, and the columns compiled from it on the first row that needs them. */
interface HeaderState {
  separator: string;
  setSeparator: string;
  emptyField: string;
  unsetField: string;
  path: string | undefined;
  names: string[] | undefined;
  types: string[] | undefined;
  compiled: Compiled | undefined;
  /** A bare column-name line (no `#fields`) ended with a separator, and so do its rows. */
  trailingSeparator: boolean;
}

/** A line of tab-separated Zeek field names naming `ts`, `uid` or `fuid`: some baselines carry it instead of `#fields`. */
const BARE_HEADER_NAME = /^[a-z_][a-z0-9_.]*$/;
function bareHeader(cells: string[]): string[] | undefined {
  const names = cells[cells.length - 1] === '' ? cells.slice(0, -1) : cells;
  if (names.length < 2 || !names.every((n) => BARE_HEADER_NAME.test(n))) return undefined;
  return names.some((n) => n === 'ts' || n === 'uid' || n === 'fuid') ? names : undefined;
}

interface Compiled {
  path: string;
  columns: Column[];
  tsIndex: number;
  indexOf: ReadonlyMap<string, number>;
}

const DIRECTIVE = /^#([a-z_]+)/;
const ESCAPE_RUN = /(?:\\x[0-9a-fA-F]{2})+/g;
const UTF8 = new TextDecoder('utf-8', { fatal: true });
const LATIN1 = new TextDecoder('latin1');
const NUMBER_TYPES = new Set(['count', 'int', 'port', 'double', 'time', 'interval']);
const CONTAINER_TYPE = /^(?:set|vector|table)\[(.*)\]$/;

/** Decodes Zeek's `\xNN` escapes (separators, non-printable bytes); runs of escaped bytes are read as UTF-8 when valid. */
export function decodeZeekEscapes(text: string): string {
  if (!text.includes('\\x')) return text;
  return text.replace(ESCAPE_RUN, (run) => {
    const bytes = new Uint8Array(run.length / 4);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(run.slice(i * 4 + 2, i * 4 + 4), 16);
    try {
      return UTF8.decode(bytes);
    } catch {
      return LATIN1.decode(bytes);
    }
  });
}

const asString: Convert = decodeZeekEscapes;
const asNumber: Convert = (text) => {
  const n = Number(text);
  return text === '' || Number.isNaN(n) ? decodeZeekEscapes(text) : n;
};
const asBool: Convert = (text) => (text === 'T' ? true : text === 'F' ? false : decodeZeekEscapes(text));

function scalarConverter(type: string): Convert {
  if (NUMBER_TYPES.has(type)) return asNumber;
  return type === 'bool' ? asBool : asString;
}

function containerConverter(elementType: string, state: HeaderState): Convert {
  if (!NUMBER_TYPES.has(elementType)) return (text) => text.split(state.setSeparator).map(decodeZeekEscapes);
  return (text) => {
    const parts = text.split(state.setSeparator);
    const numbers = parts.map(Number);
    return numbers.some(Number.isNaN) ? parts.map(decodeZeekEscapes) : numbers;
  };
}

function compile(state: HeaderState, names: string[]): Compiled {
  const known = new Set(names);
  const path = state.path ?? inferZeekPath((field) => known.has(field));
  const mapper = zeekMapper(path);
  const columns = names.map((name, i): Column => {
    const type = state.types?.[i] ?? 'string';
    const container = CONTAINER_TYPE.exec(type);
    const convert = container ? containerConverter(container[1] ?? 'string', state) : scalarConverter(type);
    return { container: container !== null, convert, map: mapper.field(name) };
  });
  return { path, columns, tsIndex: names.indexOf('ts'), indexOf: new Map(names.map((name, i) => [name, i])) };
}

function freshState(separator = '\t'): HeaderState {
  return {
    separator,
    setSeparator: ',',
    emptyField: '(empty)',
    unsetField: '-',
    path: undefined,
    names: undefined,
    types: undefined,
    compiled: undefined,
    trailingSeparator: false,
  };
}

/** A TSV-only Zeek parser (the `zeek` parser in zeek.ts also takes JSON lines). Rows are read by the current `#fields`. */
export function createZeekTsvParser(): LineParser {
  let state = freshState();

  function header(line: string): void {
    const match = DIRECTIVE.exec(line);
    if (!match) return;
    const name = match[1] ?? '';
    let value = line.slice(name.length + 1);
    if (name === 'separator') {
      state = freshState(decodeZeekEscapes(value.trim()) || '\t');
      return;
    }
    if (value.startsWith(state.separator) || value.startsWith(' ')) value = value.slice(1);
    switch (name) {
      case 'set_separator':
        state.setSeparator = decodeZeekEscapes(value) || ',';
        return;
      case 'empty_field':
        state.emptyField = decodeZeekEscapes(value);
        return;
      case 'unset_field':
        state.unsetField = decodeZeekEscapes(value);
        return;
      case 'path':
        state.path = decodeZeekEscapes(value);
        state.compiled = undefined;
        return;
      case 'fields':
        state.names = value.split(state.separator);
        state.compiled = undefined;
        return;
      case 'types':
        state.types = value.split(state.separator);
        state.compiled = undefined;
        return;
    }
  }

  let values: (ZeekValue | undefined)[] = [];
  let indexOf: ReadonlyMap<string, number> = new Map();
  const get = (name: string): ZeekValue | undefined => {
    const i = indexOf.get(name);
    return i === undefined ? undefined : values[i];
  };

  function row(line: string): LineOutcome {
    if (!state.names) {
      const names = bareHeader(line.split(state.separator));
      if (!names) return { kind: 'reject', reason: 'Zeek TSV data before any #fields header' };
      state.names = names;
      state.trailingSeparator = names.length < line.split(state.separator).length;
      return { kind: 'skip' };
    }
    const compiled = (state.compiled ??= compile(state, state.names));
    const columns = compiled.columns;
    const body = state.trailingSeparator && line.endsWith(state.separator) ? line.slice(0, -state.separator.length) : line;
    const cells = body.split(state.separator);
    if (cells.length !== columns.length) {
      return { kind: 'reject', reason: `Zeek TSV row: expected ${columns.length} columns (per #fields), got ${cells.length}` };
    }
    const { unsetField, emptyField } = state;
    values = new Array<ZeekValue | undefined>(columns.length);
    indexOf = compiled.indexOf;
    for (let i = 0; i < columns.length; i++) {
      const cell = cells[i] as string;
      if (cell === unsetField) continue;
      const column = columns[i] as Column;
      values[i] = cell === emptyField ? (column.container ? [] : '') : column.convert(cell);
    }
    const time = readZeekTime(compiled.path, values[compiled.tsIndex]);
    if (typeof time === 'object') return time;
    const mapper = zeekMapper(compiled.path);
    const fields = mapper.start();
    for (let i = 0; i < columns.length; i++) {
      const value = values[i];
      if (value !== undefined) (columns[i] as Column).map(value, fields);
    }
    mapper.finish(get, fields);
    return zeekEvent(time, fields, line);
  }

  return {
    format: 'zeek',
    parseLine(input: string): LineOutcome {
      const line = input.endsWith('\r') ? input.slice(0, -1) : input;
      if (line === '') return { kind: 'skip' };
      if (line.startsWith('#')) {
        header(line);
        return { kind: 'skip' };
      }
      return row(line);
    },
  };
}
