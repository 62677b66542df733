// Reads and validates a scenario pack folder without touching the store: every file checked, every error with file and line.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseIntelSnapshot, type IntelSnapshot } from '../intel/index.ts';
import { answerKeySchema, hostSchema, mailboxSchema, scenarioSchema, type AnswerKey, type HostSpec, type MailboxSpec, type Scenario } from './schema.ts';
import { readYaml, type PackError } from './yaml-file.ts';

export interface Pack {
  dir: string;
  scenario: Scenario;
  answers: AnswerKey;
  hosts: HostSpec[];
  mailboxes: (MailboxSpec & { name: string; dir: string })[];
  intel?: IntelSnapshot;
}

function readText(dir: string, file: string, errors: PackError[]): string | undefined {
  try {
    return readFileSync(join(dir, file), 'utf8');
  } catch (error) {
    errors.push({ file, line: 1, column: 1, reason: error instanceof Error ? error.message : String(error) });
    return undefined;
  }
}

function yamlFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml')).sort() : [];
}

export function readPack(dir: string): { pack?: Pack; errors: PackError[] } {
  const errors: PackError[] = [];
  if (!existsSync(join(dir, 'scenario.yaml'))) return { errors: [{ file: 'scenario.yaml', line: 1, column: 1, reason: `not a scenario pack: ${dir} has no scenario.yaml` }] };
  const read = <S extends Parameters<typeof readYaml>[2]>(file: string, schema: S) => {
    const text = readText(dir, file, errors);
    if (text === undefined) return undefined;
    const r = readYaml(text, file, schema);
    errors.push(...r.errors);
    return r.value;
  };
  const scenario = read('scenario.yaml', scenarioSchema) as Scenario | undefined;
  const answers = (existsSync(join(dir, 'answers.yaml')) ? read('answers.yaml', answerKeySchema) : undefined) as AnswerKey | undefined;
  if (!existsSync(join(dir, 'answers.yaml'))) errors.push({ file: 'answers.yaml', line: 1, column: 1, reason: 'the answer key is missing' });
  const hosts = yamlFiles(join(dir, 'hosts')).flatMap((f) => {
    const host = read(join('hosts', f), hostSchema) as HostSpec | undefined;
    return host ? [host] : [];
  });
  const mailboxes: Pack['mailboxes'] = [];
  const mailRoot = join(dir, 'mail');
  for (const name of existsSync(mailRoot) ? readdirSync(mailRoot).sort() : []) {
    if (!statSync(join(mailRoot, name)).isDirectory()) continue;
    const spec = read(join('mail', name, 'mailbox.yaml'), mailboxSchema) as MailboxSpec | undefined;
    if (!spec) continue;
    for (const m of spec.messages) {
      if (!existsSync(join(mailRoot, name, m.file))) errors.push({ file: join('mail', name, 'mailbox.yaml'), line: 1, column: 1, reason: `message file ${m.file} is missing` });
    }
    mailboxes.push({ ...spec, name, dir: join(mailRoot, name) });
  }
  let intel: IntelSnapshot | undefined;
  if (existsSync(join(dir, 'intel.yaml'))) {
    const text = readText(dir, 'intel.yaml', errors);
    if (text !== undefined) {
      try {
        intel = parseIntelSnapshot(text, join(dir, 'intel.yaml'));
      } catch (error) {
        errors.push({ file: 'intel.yaml', line: 1, column: 1, reason: error instanceof Error ? error.message : String(error) });
      }
    }
  }
  if (scenario) {
    for (const [i, log] of scenario.logs.entries()) {
      if (!existsSync(join(dir, log.path))) errors.push({ file: 'scenario.yaml', line: 1, column: 1, reason: `logs.${i}.path: ${log.path} does not exist` });
    }
    if (answers) {
      const declared = new Set(scenario.alerts.map((a) => String(a.eventId)));
      for (const id of Object.keys(answers)) {
        if (!declared.has(id)) errors.push({ file: 'answers.yaml', line: 1, column: 1, reason: `EventID ${id} is not among the scenario's alerts` });
      }
      for (const id of declared) if (!(id in answers)) errors.push({ file: 'answers.yaml', line: 1, column: 1, reason: `EventID ${id} has no answer` });
    }
  }
  if (errors.length > 0 || !scenario || !answers) return { errors };
  return { pack: { dir, scenario, answers, hosts, mailboxes, intel }, errors };
}
