// Lowers one detection item (`field|modifiers: values`) into matchers and a test closure: every v2.1 value modifier lives here.
import type { CompareOp, DetectionItem, RuleValue } from './ast.ts';
import { SigmaCompileError, SigmaLimitError } from './errors.ts';
import { fieldKeys, type FieldMapping } from './field-mapping.ts';
import { LIMITS } from './limits.ts';
import { parseCidr, stringMatcher, type Matcher, type RefMode, type TimePart } from './matchers.ts';
import { compileRegex, RegexError } from './regex.ts';
import {
  base64, base64offset, expandPlaceholders, literal, parseSigmaString, utf16, ValueError, windash, wrap, type SigmaString,
} from './sigma-string.ts';
import { existsTest, keywordTest, valuesTest, type ItemTest } from './item-test.ts';

export interface CompileOptions {
  /** Values for `expand` placeholders, e.g. `{ Servers: ['srv*'] }` (without the `%`). */
  placeholders?: Readonly<Record<string, readonly string[]>>;
  /** Sigma field name → ECS names; defaults to `DEFAULT_FIELD_MAPPING`. */
  fieldMapping?: FieldMapping;
}

const TRANSFORMS = new Set(['windash', 'base64', 'base64offset', 'utf16le', 'wide', 'utf16be', 'utf16', 'expand']);
const POSITIONS = new Set(['contains', 'startswith', 'endswith']);
const COMPARES = new Set<string>(['lt', 'lte', 'gt', 'gte']);
const TIME_PARTS = new Set<string>(['minute', 'hour', 'day', 'week', 'month', 'year']);
const TYPES = new Set(['re', 'cidr', 'exists', 'fieldref']);
const RE_FLAGS = new Set(['i', 'm', 's']);
const FLAGS = new Set(['all', 'cased', 'neq']);

/** Counts values produced for a rule, to enforce `maxValuesPerRule`. */
export interface ValueBudget {
  used: number;
}

/** Compiles one detection item into a test. Errors point at the item's key. */
export function compileItem(file: string, item: DetectionItem, options: CompileOptions, budget: ValueBudget): ItemTest {
  const fail = (reason: string): never => {
    throw new SigmaCompileError(file, item.pos, reason);
  };
  const mods = item.modifiers.map((m) => m.toLowerCase());
  const has = (m: string): boolean => mods.includes(m);
  for (const m of mods) {
    const known = TRANSFORMS.has(m) || POSITIONS.has(m) || COMPARES.has(m) || TIME_PARTS.has(m) || TYPES.has(m) || RE_FLAGS.has(m) || FLAGS.has(m);
    if (!known) fail(`unknown modifier '${m}'`);
  }
  const positions = mods.filter((m) => POSITIONS.has(m));
  const implicitContains = item.field === null && positions.length === 0 && !mods.some((m) => TYPES.has(m) || COMPARES.has(m) || TIME_PARTS.has(m));
  if (implicitContains) positions.push('contains');
  const compares = mods.filter((m) => COMPARES.has(m));
  const timeParts = mods.filter((m) => TIME_PARTS.has(m));
  const types = mods.filter((m) => TYPES.has(m));
  const transforms = mods.filter((m) => TRANSFORMS.has(m));
  if (positions.length > 1) fail(`modifiers '${positions.join("' and '")}' cannot be combined`);
  if (types.length > 1) fail(`modifiers '${types.join("' and '")}' cannot be combined`);
  if (compares.length > 1 || timeParts.length > 1) fail('only one comparison and one time-part modifier are allowed');
  if (mods.some((m) => RE_FLAGS.has(m)) && !has('re')) fail("regex flags 'i', 'm', 's' need the 're' modifier");
  const typed = types[0] ?? (timeParts.length > 0 ? 'timepart' : compares.length > 0 ? 'compare' : undefined);
  if (typed !== undefined && typed !== 'fieldref' && (positions.length > 0 || transforms.length > 0)) {
    fail(`'${typed === 'compare' ? compares[0] : typed === 'timepart' ? timeParts[0] : typed}' cannot be combined with '${[...positions, ...transforms][0]}'`);
  }
  if (typed === 'fieldref' && transforms.length > 0) fail(`'fieldref' cannot be combined with '${transforms[0]}'`);
  if (types.length > 0 && (compares.length > 0 || timeParts.length > 0)) fail(`'${types[0]}' cannot be combined with a comparison or time part`);

  const all = has('all');
  const negate = has('neq');
  const cased = has('cased');
  budget.used += item.values.length;

  if (typed === 'exists') {
    if (item.field === null) fail("'exists' needs a field name");
    const v = item.values[0];
    const want = item.values.length === 1 && v !== undefined ? boolOf(v) : undefined;
    if (want === undefined) fail("'exists' takes a single true or false");
    if (mods.length > 1) fail("'exists' cannot be combined with other modifiers");
    return existsTest(fieldKeys(item.field ?? '', options.fieldMapping), want === true);
  }

  const matchers: Matcher[] = [];
  let hasNull = false;
  for (const rv of item.values) {
    if (rv.value === null) {
      if (mods.length > 0) throw new SigmaCompileError(file, rv.pos, 'null cannot take modifiers');
      hasNull = true;
      continue;
    }
    for (const m of valueMatchers(file, rv, typed, { mods, compares, timeParts, positions, transforms, cased }, options)) matchers.push(m);
  }
  budget.used += matchers.length;
  if (budget.used > LIMITS.maxValuesPerRule) throw new SigmaLimitError(file, item.pos, `rule has more than ${LIMITS.maxValuesPerRule} values`);
  if (item.field === null) {
    if (hasNull) fail('a keyword cannot be null');
    return keywordTest(matchers, all);
  }
  return valuesTest(item.field, fieldKeys(item.field, options.fieldMapping), matchers, { all, negate, hasNull });
}

interface ModifierSet {
  mods: string[];
  compares: string[];
  timeParts: string[];
  positions: string[];
  transforms: string[];
  cased: boolean;
}

function valueMatchers(file: string, rv: RuleValue, typed: string | undefined, set: ModifierSet, options: CompileOptions): Matcher[] {
  const fail = (reason: string): never => {
    throw new SigmaCompileError(file, rv.pos, reason);
  };
  const v = rv.value;
  const text = typeof v === 'string' ? v : String(v);
  if (text.length > LIMITS.maxValueLength) throw new SigmaLimitError(file, rv.pos, `value is ${text.length} characters, over the ${LIMITS.maxValueLength} limit`);
  switch (typed) {
    case 're':
      try {
        return [{ kind: 'regex', regex: compileRegex(text, { i: set.mods.includes('i'), m: set.mods.includes('m'), s: set.mods.includes('s') }), source: text }];
      } catch (err) {
        return fail(err instanceof RegexError ? err.message : String(err));
      }
    case 'cidr':
      try {
        return [{ kind: 'cidr', ranges: [parseCidr(text)] }];
      } catch {
        return fail(`'${text}' is not a CIDR network (e.g. 10.0.0.0/8 or fd00::/8)`);
      }
    case 'compare':
    case 'timepart': {
      const n = typeof v === 'number' ? v : text.trim() === '' ? NaN : Number(text);
      if (!Number.isFinite(n)) fail(`'${set.compares[0] ?? set.timeParts[0] ?? ''}' needs a number, got '${text}'`);
      const op = (set.compares[0] ?? 'eq') as CompareOp;
      if (typed === 'timepart') return [{ kind: 'timepart', part: set.timeParts[0] as TimePart, op, value: n }];
      return [{ kind: 'compare', op, value: n }];
    }
    case 'fieldref': {
      const pos = set.positions[0];
      const mode: RefMode = pos === 'contains' ? 'contains' : pos === 'startswith' ? 'prefix' : pos === 'endswith' ? 'suffix' : 'exact';
      return [{ kind: 'fieldref', keys: fieldKeys(text, options.fieldMapping), mode, cased: set.cased }];
    }
    default:
      break;
  }
  if (typeof v === 'number' && set.transforms.length === 0 && set.positions.length === 0) {
    return [{ kind: 'number', value: v, text }];
  }
  let raws = [text];
  if (set.transforms.includes('expand')) {
    try {
      raws = expandPlaceholders(text, options.placeholders ?? {});
    } catch (err) {
      fail(err instanceof ValueError ? err.message : String(err));
    }
  }
  let values: SigmaString[] = raws.map((r) => (typeof v === 'string' ? parseSigmaString(r) : literal(r)));
  try {
    for (const t of set.transforms) values = values.flatMap((s) => transform(t, s));
  } catch (err) {
    fail(err instanceof ValueError ? err.message : String(err));
  }
  const pos = set.positions[0];
  return values.map((s) => stringMatcher(wrap(s, pos === 'contains' || pos === 'endswith', pos === 'contains' || pos === 'startswith'), set.cased));
}

function transform(name: string, s: SigmaString): SigmaString[] {
  switch (name) {
    case 'windash': return windash(s);
    case 'base64': return [base64(s)];
    case 'base64offset': return base64offset(s);
    case 'utf16le':
    case 'wide': return [utf16(s, 'le')];
    case 'utf16be': return [utf16(s, 'be')];
    case 'utf16': return [utf16(s, 'bom')];
    default: return [s];
  }
}

function boolOf(rv: RuleValue): boolean | undefined {
  if (typeof rv.value === 'boolean') return rv.value;
  if (rv.value === 'true' || rv.value === 'yes') return true;
  if (rv.value === 'false' || rv.value === 'no') return false;
  return undefined;
}
