// Artifact lists: rows validated and normalised, duplicates (same type and value) merged with their comments joined.
import { ARTIFACT_COMMENT_MAX_LENGTH, MAX_ARTIFACTS } from './limits.ts';
import { hasControlCharacters } from './network.ts';
import { isArtifactType, type Artifact, type ArtifactInput, type ArtifactType } from './types.ts';
import { validateArtifact } from './validate.ts';

/** Types whose values compare without regard to case (Windows names; e-mail local parts in practice). */
const CASE_INSENSITIVE: ReadonlySet<ArtifactType> = new Set(['Hostname', 'Username', 'E-mail Sender', 'File Name']);
const COMMENT_SEPARATOR = '; ';

/** The identity of an artifact: two artifacts with the same key are one. */
export function artifactKey(artifact: Pick<Artifact, 'type' | 'value'>): string {
  const value = CASE_INSENSITIVE.has(artifact.type) ? artifact.value.toLowerCase() : artifact.value;
  return `${artifact.type}\u0000${value}`;
}

function joinComments(a: string, b: string): string {
  if (b === '' || a.split(COMMENT_SEPARATOR).includes(b)) return a;
  if (a === '') return b;
  const joined = `${a}${COMMENT_SEPARATOR}${b}`;
  return joined.length <= ARTIFACT_COMMENT_MAX_LENGTH ? joined : `${joined.slice(0, ARTIFACT_COMMENT_MAX_LENGTH - 1)}…`;
}

/**
 * Merges duplicates (same type and normalised value; case-insensitive for hostnames, usernames, e-mail senders and file names),
 * keeping the first occurrence's place and spelling and joining distinct non-empty comments with "; " (cut at the comment limit).
 */
export function mergeArtifacts(list: readonly Artifact[]): Artifact[] {
  const byKey = new Map<string, Artifact>();
  for (const artifact of list) {
    const key = artifactKey(artifact);
    const seen = byKey.get(key);
    const comment = artifact.comment.trim();
    if (seen === undefined) byKey.set(key, { type: artifact.type, value: artifact.value, comment });
    else seen.comment = joinComments(seen.comment, comment);
  }
  return [...byKey.values()];
}

export interface ArtifactRowError {
  /** Row index in the input; -1 for a problem with the list as a whole. */
  index: number;
  field: 'type' | 'value' | 'comment' | 'list';
  reason: string;
}

export type ArtifactListResult = { ok: true; artifacts: Artifact[] } | { ok: false; errors: ArtifactRowError[] };

/** Validates every row (type, value, comment), then merges duplicates; every bad row is reported, not only the first. */
export function validateArtifactList(rows: readonly ArtifactInput[]): ArtifactListResult {
  const errors: ArtifactRowError[] = [];
  const good: Artifact[] = [];
  rows.forEach((row, index) => {
    const comment = (row.comment ?? '').trim();
    if (comment.length > ARTIFACT_COMMENT_MAX_LENGTH) {
      errors.push({ index, field: 'comment', reason: `comment longer than ${ARTIFACT_COMMENT_MAX_LENGTH} characters` });
    } else if (hasControlCharacters(comment.replace(/[\n\t]/g, ' '))) {
      errors.push({ index, field: 'comment', reason: 'control characters in comment' });
    }
    if (!isArtifactType(row.type)) {
      errors.push({ index, field: 'type', reason: `unknown artifact type "${row.type}"` });
      return;
    }
    const checked = validateArtifact(row.type, row.value);
    if (!checked.ok) errors.push({ index, field: 'value', reason: checked.reason });
    else good.push({ type: row.type, value: checked.value, comment });
  });
  if (errors.length > 0) return { ok: false, errors };
  const artifacts = mergeArtifacts(good);
  if (artifacts.length > MAX_ARTIFACTS) {
    return { ok: false, errors: [{ index: -1, field: 'list', reason: `${artifacts.length} artifacts, at most ${MAX_ARTIFACTS}` }] };
  }
  return { ok: true, artifacts };
}
