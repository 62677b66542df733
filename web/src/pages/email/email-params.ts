// The e-mail search in the URL (?q= for the quick search, one parameter per detailed field, from/to as epoch ms).
import type { EmailSearch } from '../../hooks/use-emails.ts';

export const TEXT_FIELDS = ['q', 'sender', 'recipient', 'subject', 'senderIp', 'attachment', 'body', 'action'] as const;
export const ACTIONS = ['Allowed', 'Blocked', 'Quarantined', 'Cleaned', 'Detected'] as const;

export function readSearch(params: URLSearchParams): EmailSearch {
  const search: EmailSearch = {};
  for (const key of TEXT_FIELDS) {
    const value = params.get(key);
    if (value) search[key] = value;
  }
  for (const key of ['from', 'to'] as const) {
    const value = Number(params.get(key));
    if (params.get(key) && Number.isFinite(value)) search[key] = value;
  }
  return search;
}

export function writeSearch(search: EmailSearch): URLSearchParams {
  const next = new URLSearchParams();
  for (const key of TEXT_FIELDS) {
    const value = search[key]?.trim();
    if (value) next.set(key, value);
  }
  if (search.from !== undefined) next.set('from', String(search.from));
  if (search.to !== undefined) next.set('to', String(search.to));
  return next;
}

/** True when any detailed field (not the quick search) is set. */
export const hasDetailed = (search: EmailSearch): boolean => Object.entries(search).some(([k, v]) => k !== 'q' && v !== undefined && v !== '');
