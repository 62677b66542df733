// validateArtifact: one value checked and normalised by its artifact type (PRODUCT.md §4, Add Artifacts).
import { ARTIFACT_VALUE_MAX_LENGTH } from './limits.ts';
import { validateFileName, validateHostname, validateUsername } from './names.ts';
import { validateDomain, validateEmailDomain, validateEmailSender, validateIp, validateUrl } from './network.ts';
import type { ArtifactType, ArtifactValidation, HashDetails } from './types.ts';

const HASHES = {
  'MD5 Hash': { algorithm: 'md5', bits: 128 },
  'SHA1 Hash': { algorithm: 'sha1', bits: 160 },
  'SHA256 Hash': { algorithm: 'sha256', bits: 256 },
} as const satisfies Record<HashDetails['type'], Omit<HashDetails, 'type'>>;

const HASH_BY_DIGITS: Record<number, string> = { 32: 'an MD5', 40: 'a SHA1', 64: 'a SHA256' };

function validateHash(type: HashDetails['type'], raw: string): ArtifactValidation<HashDetails['type']> {
  const text = raw.trim().toLowerCase();
  const spec = HASHES[type];
  const digits = spec.bits / 4;
  if (!/^[0-9a-f]+$/.test(text)) return { ok: false, reason: `not hexadecimal: a ${spec.algorithm.toUpperCase()} hash is ${digits} hex digits` };
  if (text.length !== digits) {
    const other = HASH_BY_DIGITS[text.length];
    return { ok: false, reason: `${text.length} hex digits, ${digits} expected${other !== undefined ? ` (this looks like ${other} hash)` : ''}` };
  }
  return { ok: true, value: text, details: { type, ...spec } };
}

const VALIDATORS: { [K in ArtifactType]: (value: string) => ArtifactValidation<K> } = {
  'IP Address': validateIp,
  'URL Address': validateUrl,
  Domain: validateDomain,
  'MD5 Hash': (v) => validateHash('MD5 Hash', v),
  'SHA1 Hash': (v) => validateHash('SHA1 Hash', v),
  'SHA256 Hash': (v) => validateHash('SHA256 Hash', v),
  'E-mail Sender': validateEmailSender,
  'E-mail Domain': validateEmailDomain,
  'File Name': validateFileName,
  Hostname: validateHostname,
  Username: validateUsername,
};

/** Checks `value` as an artifact of `type`: the normalised value and what was learnt about it, or why it is not one. */
export function validateArtifact<T extends ArtifactType>(type: T, value: string): ArtifactValidation<T> {
  if (value.length > ARTIFACT_VALUE_MAX_LENGTH) return { ok: false, reason: `value longer than ${ARTIFACT_VALUE_MAX_LENGTH} characters` };
  if (value.trim() === '') return { ok: false, reason: 'empty value' };
  const validator = VALIDATORS[type] as (value: string) => ArtifactValidation<T>;
  return validator(value);
}
