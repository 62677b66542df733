// "Enrich all artifacts of a case": every artifact looked up with the configured providers, results kept with the case.
import { currentAnswers, type PlaybookRun } from '../soc/playbooks/run.ts';
import { workflowDb } from '../soc/workflow-tables.ts';
import type { EventStore } from '../store/store.ts';
import { enrichObservables, type IntelContext, type LookupResult } from './lookup.ts';

/** Artifact types that are observables a provider can look up (names, hosts and users are not). */
const LOOKUP_TYPES = new Set(['IP Address', 'URL Address', 'Domain', 'MD5 Hash', 'SHA1 Hash', 'SHA256 Hash', 'E-mail Sender', 'E-mail Domain']);

export interface ArtifactEnrichment {
  type: string;
  value: string;
  verdict: string | null;
  result: LookupResult;
}

export function runArtifacts(run: PlaybookRun): { type: string; value: string }[] {
  return currentAnswers(run).flatMap((a) => (a.value.kind === 'artifacts' ? a.value.artifacts.map((x) => ({ type: x.type, value: x.value })) : []));
}

export async function enrichCase(ctx: IntelContext, store: EventStore, caseId: number, run: PlaybookRun): Promise<ArtifactEnrichment[]> {
  const artifacts = runArtifacts(run).filter((a) => LOOKUP_TYPES.has(a.type));
  const results = await enrichObservables(ctx, artifacts.map((a) => a.value));
  const now = Date.now();
  const enriched = artifacts.map((a, i) => ({ ...a, verdict: results[i]!.verdict ?? null, result: results[i]! }));
  await workflowDb(store).transaction().execute(async (trx) => {
    for (const e of enriched) {
      const row = { case_id: caseId, type: e.type, value: e.value, verdict: e.verdict, results: JSON.stringify(e.result), enriched_at: now };
      await trx
        .insertInto('artifact_enrichments')
        .values(row)
        .onConflict((oc) => oc.columns(['case_id', 'type', 'value']).doUpdateSet({ verdict: row.verdict, results: row.results, enriched_at: now }))
        .execute();
    }
  });
  return enriched;
}
