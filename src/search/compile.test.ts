// Compiled queries against a real SQLite file: exact result sets (checked by plain predicates), index use, hostile input.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CompiledQuery, type Expression, type SqlBool } from 'kysely';
import type { FieldValue, WatchEvent } from '../events/event.ts';
import { ipKey } from '../store/ip-key.ts';
import { compileQueryString } from './compile.ts';
import { searchCondition } from './condition.ts';
import { QuerySyntaxError } from './errors.ts';
import { searchEvents } from './search.ts';
import { openTestStore, type TestStore } from './test-events.ts';

let t: TestStore;
before(async () => {
  t = await openTestStore();
});
after(async () => {
  await t.close();
});

/** Matching ids, compiled without trigram estimates and as searches plan it (with them): both plans must agree. */
async function matchIds(query: string): Promise<number[]> {
  const ids = async (where: Expression<SqlBool>): Promise<number[]> =>
    (await t.store.db.selectFrom('events').select('events.id').where(where).orderBy('events.id').execute()).map((r) => r.id);
  const plain = await ids(compileQueryString(query));
  assert.deepEqual(await ids(await searchCondition(t.store.db, query, {})), plain, `${query}: planned on trigram estimates`);
  return plain;
}

function expected(predicate: (e: WatchEvent) => boolean): number[] {
  return t.events.flatMap((e, i) => (predicate(e) ? [t.ids[i]!] : []));
}

const f = (e: WatchEvent, name: string): FieldValue | undefined => e.fields[name];
const str = (e: WatchEvent, name: string): string | undefined => {
  const v = f(e, name);
  return v === undefined ? undefined : String(v);
};
const ci = (e: WatchEvent, name: string, value: string): boolean => str(e, name)?.toLowerCase() === value.toLowerCase();
const num = (e: WatchEvent, name: string): number => Number(f(e, name) ?? NaN);
const words = (s: string): string[] => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
function hasPhrase(raw: string, phrase: string, prefix = false): boolean {
  const hay = words(raw);
  const needle = words(phrase);
  return hay.some((_, i) =>
    needle.every((w, k) => (prefix && k === needle.length - 1 ? hay[i + k]?.startsWith(w) : hay[i + k] === w)),
  );
}
const inKeyRange = (ip: string | undefined, low: string, high: string): boolean => {
  const key = ip === undefined ? null : ipKey(ip);
  return key !== null && key >= low && key <= high;
};

async function check(query: string, predicate: (e: WatchEvent) => boolean, nonEmpty = true): Promise<void> {
  const want = expected(predicate);
  if (nonEmpty) assert.ok(want.length > 0 && want.length < t.events.length, `fixture should make '${query}' selective`);
  assert.deepEqual(await matchIds(query), want, query);
}

describe('field equality', () => {
  it('accepts the ECS, Sigma and UI names of a field', async () => {
    for (const q of ['source.ip:10.0.0.5', 'src_ip:10.0.0.5', 'source_address:10.0.0.5', 'SRC_IP:10.0.0.5']) {
      await check(q, (e) => str(e, 'source.ip') === '10.0.0.5');
    }
  });
  it('compares addresses by value, whatever the IPv6 spelling', async () => {
    await check('source.ip:2001:0DB8:0:0:0:0:0:1', (e) => str(e, 'source.ip') === '2001:db8::1');
  });
  it('matches text case-insensitively, on indexed and unindexed columns', async () => {
    await check('user.name:admin', (e) => ci(e, 'user.name', 'admin'));
    await check('username:ADMIN', (e) => ci(e, 'user.name', 'admin'));
    await check('user.name:"CORP\\\\carol"', (e) => str(e, 'user.name') === 'CORP\\carol');
    await check('user.name:corp\\\\CAROL', (e) => str(e, 'user.name') === 'CORP\\carol');
    await check('user.name:DAVE.O', (e) => str(e, 'user.name') === 'dave.o');
    await check('url.domain:WWW.Example.COM', (e) => str(e, 'url.domain') === 'www.example.com');
    await check('cs-method:get', (e) => ci(e, 'http.request.method', 'get'));
  });
  it('compares numeric columns as numbers', async () => {
    await check('sc-status:404', (e) => num(e, 'http.response.status_code') === 404);
    await check('sc-status:404.0', (e) => num(e, 'http.response.status_code') === 404);
  });
  it('matches a whole URL through the trigram index', async () => {
    await check('c-uri:"HTTP://files.example.org/a_b%20c.exe"', (e) => str(e, 'url.original') === 'http://files.example.org/a_b%20c.exe');
  });
  it('matches quoted phrases literally', async () => {
    await check('user_agent:"curl/8.4.0"', (e) => str(e, 'user_agent.original') === 'curl/8.4.0');
  });
});

describe('wildcards', () => {
  it('turns * and ? into case-insensitive patterns', async () => {
    await check('user.name:ad*', (e) => /^ad/i.test(str(e, 'user.name') ?? ''));
    await check('user.name:?ob', (e) => /^.ob$/i.test(str(e, 'user.name') ?? ''));
    await check('url.domain:*.example.*', (e) => /\.example\./.test(str(e, 'url.domain') ?? ''));
    await check('sc-status:5*', (e) => String(f(e, 'http.response.status_code')).startsWith('5'));
    await check('source.ip:10.0.*', (e) => (str(e, 'source.ip') ?? '').startsWith('10.0.'));
  });
  it('keeps % and _ literal and honours escaped wildcards', async () => {
    await check('url.original:*a_b%20c*', (e) => (str(e, 'url.original') ?? '').includes('a_b%20c'));
    await check('url.original:*setup\\_v2*', (e) => (str(e, 'url.original') ?? '').includes('setup_v2'));
    await check('url.original:*q=near\\(x\\)', (e) => (str(e, 'url.original') ?? '').endsWith('q=near(x)'));
    assert.deepEqual(await matchIds('user.name:ad\\*'), []);
  });
});

describe('URL substrings', () => {
  it('finds substrings case-insensitively through trigrams, and short ones by LIKE', async () => {
    await check('url.original:*winrar*', (e) => (str(e, 'url.original') ?? '').toLowerCase().includes('winrar'));
    await check('c-uri:*WinRAR*', (e) => (str(e, 'url.original') ?? '').toLowerCase().includes('winrar'));
    await check('url.original:*.exe', (e) => (str(e, 'url.original') ?? '').toLowerCase().endsWith('.exe'));
    await check('url.original:*/a*', (e) => (str(e, 'url.original') ?? '').includes('/a'));
    await check('url.original:http://cdn*', (e) => (str(e, 'url.original') ?? '').startsWith('http://cdn'));
    await check('url.original:*win*624*', (e) => /win.*624/i.test(str(e, 'url.original') ?? ''));
  });
});

describe('boolean logic', () => {
  const is = (e: WatchEvent, status: number): boolean => num(e, 'http.response.status_code') === status;
  const post = (e: WatchEvent): boolean => str(e, 'http.request.method') === 'POST';
  it('binds AND tighter than OR, and parentheses override', async () => {
    await check('sc-status:404 OR sc-status:500 AND cs-method:POST', (e) => is(e, 404) || (is(e, 500) && post(e)));
    await check('sc-status:404 || sc-status:500 && cs-method:POST', (e) => is(e, 404) || (is(e, 500) && post(e)));
    await check('(sc-status:404 OR sc-status:500) AND cs-method:POST', (e) => (is(e, 404) || is(e, 500)) && post(e));
    await check('(sc-status:404 OR sc-status:500) cs-method:POST', (e) => (is(e, 404) || is(e, 500)) && post(e));
    await check('sc-status:(404 OR 500)', (e) => is(e, 404) || is(e, 500));
  });
  it('negates with NOT, - and !, including events that lack the field', async () => {
    const notAdmin = (e: WatchEvent): boolean => !ci(e, 'user.name', 'admin');
    await check('NOT user.name:admin', notAdmin);
    await check('-user.name:admin', notAdmin);
    await check('!user.name:admin', notAdmin);
    await check('NOT (sc-status:200 OR sc-status:404) AND NOT cs-method:GET', (e) => !is(e, 200) && !is(e, 404) && !ci(e, 'http.request.method', 'get'));
    await check('NOT NOT sc-status:500', (e) => is(e, 500));
  });
});

describe('ranges and comparisons', () => {
  const status = (e: WatchEvent): number => num(e, 'http.response.status_code');
  it('handles inclusive, exclusive and open ranges', async () => {
    await check('sc-status:[400 TO 499]', (e) => status(e) >= 400 && status(e) <= 499);
    await check('sc-status:{403 TO 500}', (e) => status(e) > 403 && status(e) < 500);
    await check('sc-status:[500 TO *]', (e) => status(e) >= 500);
    await check('sc-status:>=500', (e) => status(e) >= 500);
    await check('sc-status:<300', (e) => status(e) < 300);
    await check('sc-bytes:>40000', (e) => num(e, 'http.response.body.bytes') > 40_000);
  });
  it('ranges over JSON numbers, times and addresses', async () => {
    await check('event.duration:[100 TO 500}', (e) => num(e, 'event.duration') >= 100 && num(e, 'event.duration') < 500);
    const mid = t.events[100]!.timestamp;
    await check(`@timestamp:[${new Date(mid).toISOString()} TO *]`, (e) => e.timestamp >= mid);
    await check(`@timestamp:<${mid}`, (e) => e.timestamp < mid);
    await check('source.ip:[10.0.0.0 TO 10.0.0.255]', (e) => inKeyRange(str(e, 'source.ip'), ipKey('10.0.0.0')!, ipKey('10.0.0.255')!));
  });
});

describe('CIDR', () => {
  const within = (cidrLow: string, cidrHigh: string) => (e: WatchEvent) => inKeyRange(str(e, 'source.ip'), ipKey(cidrLow)!, ipKey(cidrHigh)!);
  it('matches IPv4 blocks, /32 and /0', async () => {
    await check('source.ip:172.16.0.0/12', within('172.16.0.0', '172.31.255.255'));
    await check('src_ip:10.0.0.5/32', (e) => str(e, 'source.ip') === '10.0.0.5');
    await check('source.ip:0.0.0.0/0', (e) => (str(e, 'source.ip') ?? '').includes('.'));
  });
  it('matches IPv6 blocks and ::/0', async () => {
    await check('source.ip:2001:db8::/32', (e) => (str(e, 'source.ip') ?? '').startsWith('2001:db8:'));
    await check('source.ip:::/0', (e) => str(e, 'source.ip') !== undefined, false);
    await check('destination_address:2606:4700::/32', (e) => str(e, 'destination.ip') === '2606:4700::6810:85e5');
  });
});

describe('exists, free text and JSON fields', () => {
  it('tests presence with field:*', async () => {
    await check('user.name:*', (e) => f(e, 'user.name') !== undefined);
    await check('tags:*', (e) => f(e, 'tags') !== undefined);
    await check('NOT url.extension:*', (e) => f(e, 'url.extension') === undefined);
  });
  it('searches words, phrases and prefixes of the raw line', async () => {
    await check('winrar', (e) => hasPhrase(e.raw, 'winrar'));
    await check('TCP_MISS/404', (e) => hasPhrase(e.raw, 'tcp miss 404'));
    await check('"connection refused"', (e) => hasPhrase(e.raw, 'connection refused'));
    await check('"refused connection"', () => false, false);
    await check('refus*', (e) => hasPhrase(e.raw, 'refus', true));
    await check('10.0.0.17 POST', (e) => hasPhrase(e.raw, '10.0.0.17') && hasPhrase(e.raw, 'post'));
  });
  it('matches JSON-only fields, scalars and multi-valued', async () => {
    await check('url.query:"id=5&q=test"', (e) => str(e, 'url.query') === 'id=5&q=test');
    await check('c-uri-query:*q=test', (e) => (str(e, 'url.query') ?? '').endsWith('q=test'));
    await check('tags:exe', (e) => [f(e, 'tags')].flat().includes('exe'));
    await check('tags:single', (e) => f(e, 'tags') === 'single');
    await check('tags:mal*', (e) => [f(e, 'tags')].flat().some((v) => String(v).startsWith('mal')));
    await check('threat.verdict:MALICIOUS', (e) => ci(e, 'threat.verdict', 'malicious'));
    await check('event.duration:>1500', (e) => num(e, 'event.duration') > 1500);
    await check('event.duration:[* TO 100]', (e) => num(e, 'event.duration') <= 100);
  });
});

describe('index use', () => {
  async function plan(query: string): Promise<string> {
    const compiled = t.store.db.selectFrom('events').select('events.id').where(compileQueryString(query)).orderBy('events.ts', 'desc').limit(50).compile();
    const result = await t.store.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${compiled.sql}`, [...compiled.parameters]));
    return result.rows.map((r) => r.detail).join(' | ');
  }
  it('uses the address key index for CIDR and equality', async () => {
    assert.match(await plan('source.ip:172.16.0.0/12'), /events_source_ip_key/);
    assert.match(await plan('src_ip:10.0.0.5'), /events_source_ip_key/);
  });
  it('uses the full-text index for free text and the trigram index for URL substrings', async () => {
    assert.match(await plan('"connection refused"'), /events_text VIRTUAL TABLE/);
    assert.match(await plan('url.original:*winrar*'), /events_url VIRTUAL TABLE/);
  });
  it('keeps case-insensitive equality on the column index', async () => {
    assert.match(await plan('user.name:admin'), /events_user_name/);
    assert.match(await plan('user.name:corp\\\\carol'), /events_user_name/);
    assert.match(await plan('url.domain:www.example.com'), /events_url_domain/);
  });
});

describe('hostile queries', () => {
  const hostile = [
    'NEAR(', 'NEAR(alpha beta)', '"NEAR(alpha beta)"', '"', '*', '^', '^caret', ':', 'col:on', 'star*', '"star*"', 'a:"b" OR "c',
    "'; DROP TABLE events; --", '"\'; DROP TABLE events; --"', "user.name:'admin' OR '1'='1'", 'url.original:*\'); DROP TABLE events; --*',
    '\\', 'AND', 'OR OR', 'NOT', '-', '(((', ')))', 'sc-status:abc', 'sc-status:=5', 'source.ip:10.0.0.0/40', 'user.name:10.0.0.0/8',
    '"a" NEAR/3 "b"', 'raw:{a TO b]', 'x:[1 2]', '\u0000', 'ü*', '"""', '{ }', '@timestamp:*ever*',
  ];
  it('either answers or throws QuerySyntaxError, and never runs user text as SQL or FTS syntax', async () => {
    for (const query of hostile) {
      try {
        await searchEvents(t.store, { query, limit: 5 });
      } catch (error) {
        assert.ok(error instanceof QuerySyntaxError, `${query}: ${String(error)}`);
      }
    }
    const count = await t.store.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(count.n), t.events.length);
  });
  it('treats FTS5 and SQL syntax in phrases as literal words', async () => {
    await check('"NEAR(alpha beta)"', (e) => hasPhrase(e.raw, 'near alpha beta'));
    await check('"\'; DROP TABLE events; --"', (e) => hasPhrase(e.raw, 'drop table events'));
    await check('^caret', (e) => e.raw.toLowerCase().includes('^caret'));
    await check('"star*"', (e) => hasPhrase(e.raw, 'star'));
  });
  it('rejects 10k nested parentheses and a 100 KB query with their own errors', async () => {
    await assert.rejects(searchEvents(t.store, { query: '('.repeat(10_000) + 'a' + ')'.repeat(10_000) }), /query is too long/);
    await assert.rejects(searchEvents(t.store, { query: '('.repeat(1_000) + 'a' + ')'.repeat(1_000) }), /nesting is deeper than 32 levels at 32/);
    await assert.rejects(searchEvents(t.store, { query: 'a'.repeat(100_000) }), QuerySyntaxError);
  });
});
