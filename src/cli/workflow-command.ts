// The SOC workflow from the command line: act on alerts and cases as a named user (who must exist: every action is audited).
import { createApiToken } from '../auth/api-tokens.ts';
import type { Role } from '../auth/auth-tables.ts';
import { createUser, listUsers, setPassword } from '../auth/users.ts';
import { actOnCase, getCase, type CaseView } from '../soc/cases.ts';
import { attachmentsZip, deleteEmail, getEmail, searchEmails } from '../soc/emails.ts';
import { getHost, listHosts, setContainment } from '../soc/endpoints.ts';
import { computeMetrics } from '../soc/metrics.ts';
import type { AnswerInput } from '../soc/playbooks/run.ts';
import { createWorkflow, WorkflowError, type Actor, type Workflow } from '../soc/workflow.ts';
import type { EventStore } from '../store/store.ts';
import { CliError, dataDir, openStore, type GlobalOptions } from './context.ts';
import { loadSitePlaybooks } from '../soc/playbooks/site-mapping.ts';

export interface AsUser extends GlobalOptions {
  /** The user acting (env WATCHFLOOR_USER; default admin). */
  as?: string;
}

async function actor(store: EventStore, name: string | undefined): Promise<Actor> {
  const wanted = name ?? process.env.WATCHFLOOR_USER ?? 'admin';
  const user = (await listUsers(store)).find((u) => u.name.toLowerCase() === wanted.toLowerCase());
  if (!user) throw new CliError(`no user ${wanted}: add one with 'watchfloor users add ${wanted} --role analyst'`, 3);
  if (user.disabled) throw new CliError(`user ${wanted} is disabled`, 3);
  return { name: user.name, role: user.role, ip: null };
}

/** Opens the store and the workflow for a read, turning refusals into CLI errors. */
async function withStore<T>(options: GlobalOptions, work: (ctx: { store: EventStore; workflow: Workflow }) => Promise<T>): Promise<T> {
  const store = await openStore(options);
  try {
    return await work({ store, workflow: createWorkflow(store, loadSitePlaybooks(dataDir(options))) });
  } catch (error) {
    if (error instanceof WorkflowError) throw new CliError(`${error.code}: ${error.message}`, error.status === 404 ? 1 : 2);
    throw error;
  } finally {
    await store.close();
  }
}

/** The same for a change, made as the named user (audited under their name). */
function asUser<T>(options: AsUser, work: (ctx: { store: EventStore; workflow: Workflow; actor: Actor }) => Promise<T>): Promise<T> {
  return withStore(options, async (ctx) => work({ ...ctx, actor: await actor(ctx.store, options.as) }));
}

export const takeAlert = (id: number, o: AsUser) => asUser(o, ({ workflow, actor: a }) => workflow.takeOwnership(id, a));
export const assignAlert = (id: number, owner: string, o: AsUser) => asUser(o, ({ workflow, actor: a }) => workflow.assign(id, owner, a));
export const caseForAlert = (id: number, o: AsUser) => asUser(o, ({ workflow, actor: a }) => workflow.createCase(id, a));
export const closeAlert = (id: number, verdict: 'True Positive' | 'False Positive', note: string, o: AsUser) =>
  asUser(o, ({ workflow, actor: a }) => workflow.close(id, { verdict, note }, a));
export const reinvestigateAlert = (id: number, o: AsUser) => asUser(o, ({ workflow, actor: a }) => workflow.reinvestigate(id, a));
export const showCase = (id: number, o: AsUser) => withStore(o, ({ store, workflow }) => getCase(store, workflow, id));
export const answerCase = (id: number, stepId: string, input: AnswerInput, o: AsUser) =>
  asUser(o, ({ workflow, actor: a }) => actOnCase(workflow, id, { kind: 'answer', stepId, input }, a));

export function formatCase(c: CaseView): string {
  const lines = [
    `Incident Name : ${c.name}`,
    `Description   : ${c.description}`,
    `Incident Type : ${c.type}`,
    `Created Date  : ${c.createdAt}`,
    `Owner         : ${c.owner} (${c.status})`,
    '',
    `Playbook: ${c.playbook.name}`,
  ];
  for (const step of c.playbook.steps) {
    const answered = c.history.filter((h) => h.stepId === step.id && h.status === 'current').map((h) => (h.value.kind === 'option' ? h.value.value : h.value.kind)).join(', ');
    const marker = step.id === c.current ? '▶' : answered ? '✓' : ' ';
    lines.push(`${marker} ${step.id.padEnd(28)} ${step.title}${answered ? ` — ${answered}` : ''}`);
  }
  if (c.score) lines.push('', ...c.score.lines);
  return lines.join('\n');
}

export const hostsList = (q: string, o: AsUser) => withStore(o, ({ store }) => listHosts(store, q).then((hosts) => ({ hosts })));
export const hostShow = (name: string, o: AsUser) => withStore(o, ({ store }) => getHost(store, name));
export const hostContain = (name: string, contained: boolean, o: AsUser) => asUser(o, ({ store, actor: a }) => setContainment(store, name, contained, a));
export const mailSearch = (q: string, o: AsUser) => withStore(o, ({ store }) => searchEmails(store, { q }).then((emails) => ({ emails })));
export const mailShow = (id: number, o: AsUser) => withStore(o, ({ store }) => getEmail(store, id));
export const mailDelete = (id: number, o: AsUser) => asUser(o, ({ store, actor: a }) => deleteEmail(store, id, a));
export const mailAttachments = (id: number, o: AsUser) => withStore(o, ({ store }) => attachmentsZip(store, id));
export const metrics = (o: AsUser) => withStore(o, ({ store }) => computeMetrics(store));

export async function usersAdd(name: string, role: Role, password: string, options: AsUser): Promise<{ name: string; role: Role }> {
  const store = await openStore(options);
  try {
    const user = await createUser(store, { name, role, password }, { actor: options.as ?? 'cli' });
    return { name: user.name, role: user.role };
  } finally {
    await store.close();
  }
}

export async function usersPasswd(name: string, password: string, options: AsUser): Promise<{ name: string }> {
  const store = await openStore(options);
  try {
    const user = (await listUsers(store)).find((u) => u.name === name);
    if (!user) throw new CliError(`no user ${name}`, 1);
    await setPassword(store, user.id, password, { actor: options.as ?? 'cli' });
    return { name };
  } finally {
    await store.close();
  }
}

export async function usersToken(name: string, tokenName: string, options: AsUser): Promise<{ token: string }> {
  const store = await openStore(options);
  try {
    const user = (await listUsers(store)).find((u) => u.name === name);
    if (!user) throw new CliError(`no user ${name}`, 1);
    const { token } = await createApiToken(store, { id: user.id, name: user.name, role: user.role }, { name: tokenName }, { actor: options.as ?? 'cli' });
    return { token };
  } finally {
    await store.close();
  }
}
