// Validators for name artifacts: file names, hostnames (RFC 1123 or NetBIOS) and usernames (user, DOMAIN\user, user@domain).
import { FILE_NAME_MAX_LENGTH, USERNAME_MAX_LENGTH } from './limits.ts';
import { hasControlCharacters, isIpv4, refang } from './network.ts';
import type { ArtifactValidation } from './types.ts';

const HIDDEN = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;
const RFC1123_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
/** Characters Windows refuses in NetBIOS computer names. */
const NETBIOS_FORBIDDEN = /[\\/:*?"<>|.\s]/;
/** Characters Windows refuses in sAMAccountName user names. */
const USER_FORBIDDEN = /["/\\[\]:;|=,+*?<>@]/;
const DECOY_EXTENSIONS = new Set(['pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'txt', 'rtf', 'jpg', 'jpeg', 'png', 'gif', 'mp3', 'mp4', 'csv']);
const RUNNABLE_EXTENSIONS = new Set([
  'exe', 'scr', 'com', 'pif', 'bat', 'cmd', 'js', 'jse', 'vbs', 'vbe', 'wsf', 'hta', 'ps1', 'lnk', 'msi', 'dll', 'jar', 'cpl', 'iso', 'img',
]);

export function validateFileName(raw: string): ArtifactValidation<'File Name'> {
  const text = raw.trim();
  if (text === '') return { ok: false, reason: 'empty file name' };
  if (/[\\/]/.test(text)) return { ok: false, reason: 'a path: give only the file name (the part after the last \\ or /)' };
  if (hasControlCharacters(text)) return { ok: false, reason: 'control characters in file name' };
  if (text === '.' || text === '..') return { ok: false, reason: `"${text}" is not a file name` };
  if (text.length > FILE_NAME_MAX_LENGTH) return { ok: false, reason: `file name longer than ${FILE_NAME_MAX_LENGTH} characters` };
  const parts = text.split('.');
  const extension = parts.length > 1 && parts.at(-1) !== '' && parts[0] !== '' ? (parts.at(-1) ?? '').toLowerCase() : null;
  const previous = parts.length > 2 ? (parts.at(-2) ?? '').toLowerCase() : '';
  return {
    ok: true,
    value: text,
    details: {
      type: 'File Name',
      extension,
      doubleExtension: extension !== null && RUNNABLE_EXTENSIONS.has(extension) && DECOY_EXTENSIONS.has(previous),
      hiddenCharacters: HIDDEN.test(text),
    },
  };
}

function isDnsName(text: string): boolean {
  return text.length <= 253 && text.split('.').every((label) => RFC1123_LABEL.test(label));
}

function isNetbiosName(text: string): boolean {
  return text.length >= 1 && text.length <= 15 && !NETBIOS_FORBIDDEN.test(text) && !hasControlCharacters(text);
}

/** Hostnames keep the case they were written in (SusieHost); they compare case-insensitively (see mergeArtifacts). */
export function validateHostname(raw: string): ArtifactValidation<'Hostname'> {
  const text = refang(raw.trim()).text.replace(/\.$/, '');
  if (text === '') return { ok: false, reason: 'empty hostname' };
  if (isIpv4(text) || (text.includes(':') && /^[0-9a-f:.[\]]+$/i.test(text))) {
    return { ok: false, reason: 'an IP address, not a hostname: use IP Address' };
  }
  if (/[\\/@]/.test(text)) return { ok: false, reason: `not a hostname: ${text} (a path, URL or user name?)` };
  if (hasControlCharacters(text)) return { ok: false, reason: 'control characters in hostname' };
  const shortName = text.split('.')[0] ?? text;
  if (isDnsName(text)) return { ok: true, value: text, details: { type: 'Hostname', form: 'dns', shortName } };
  if (isNetbiosName(text)) return { ok: true, value: text, details: { type: 'Hostname', form: 'netbios', shortName } };
  return {
    ok: false,
    reason: text.includes('.')
      ? `not a valid DNS hostname: ${text} (labels of letters, digits and '-', at most 63 each)`
      : `not a valid hostname: ${text} (a DNS label of letters, digits and '-', or a NetBIOS name of at most 15 characters)`,
  };
}

export function validateUsername(raw: string): ArtifactValidation<'Username'> {
  const text = raw.trim();
  if (text === '') return { ok: false, reason: 'empty username' };
  if (hasControlCharacters(text)) return { ok: false, reason: 'control characters in username' };
  if (text.length > USERNAME_MAX_LENGTH) return { ok: false, reason: `username longer than ${USERNAME_MAX_LENGTH} characters` };
  let form: 'plain' | 'down-level' | 'upn' = 'plain';
  let user = text;
  let domain: string | null = null;
  const slash = text.indexOf('\\');
  if (slash >= 0) {
    form = 'down-level';
    domain = text.slice(0, slash);
    user = text.slice(slash + 1);
    if (domain !== '.' && !isNetbiosName(domain) && !isDnsName(domain)) return { ok: false, reason: `invalid domain "${domain}" in DOMAIN\\user` };
  } else if (text.includes('@')) {
    form = 'upn';
    const at = text.lastIndexOf('@');
    user = text.slice(0, at);
    domain = text.slice(at + 1).replace(/\.$/, '');
    if (!isDnsName(domain) || !domain.includes('.')) return { ok: false, reason: `invalid domain "${domain}" in user@domain` };
  }
  if (user.trim() === '') return { ok: false, reason: 'empty user name' };
  if (user !== user.trim()) return { ok: false, reason: 'spaces around the user name' };
  if (USER_FORBIDDEN.test(user)) return { ok: false, reason: `invalid character in user name "${user}" (none of " / \\ [ ] : ; | = , + * ? < > @)` };
  const value = form === 'down-level' ? `${domain ?? ''}\\${user}` : form === 'upn' ? `${user}@${(domain ?? '').toLowerCase()}` : user;
  return { ok: true, value, details: { type: 'Username', form, user, domain: form === 'upn' ? (domain ?? '').toLowerCase() : domain } };
}
