// Monitoring's state lives in the URL (tab and filters), so every view is a deep link.
import type { AlertFilters } from '../../hooks/use-alerts.ts';
import type { Channel, Severity } from '../../api/types.ts';

export const SEVERITIES: readonly Severity[] = ['Low', 'Medium', 'High', 'Critical'];
export const ALERT_TYPES = ['Proxy', 'Malware', 'Exchange', 'Web Attack', 'ThreatIntel', 'Brute Force', 'Data Leakage', 'Unauthorized Access', 'C2'] as const;
export const TABS: readonly { value: Channel; label: string }[] = [
  { value: 'main', label: 'MAIN CHANNEL' },
  { value: 'investigation', label: 'INVESTIGATION CHANNEL' },
  { value: 'closed', label: 'CLOSED ALERTS' },
];

const FILTER_KEYS = ['severity', 'type', 'rule', 'owner', 'text', 'from', 'to'] as const;

export function readTab(params: URLSearchParams): Channel {
  const tab = params.get('tab');
  return tab === 'investigation' || tab === 'closed' ? tab : 'main';
}

export function readFilters(params: URLSearchParams): AlertFilters {
  const filters: AlertFilters = {};
  const severity = params.get('severity');
  if (severity && (SEVERITIES as readonly string[]).includes(severity)) filters.severity = severity as Severity;
  for (const key of ['type', 'rule', 'owner', 'text'] as const) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  for (const key of ['from', 'to'] as const) {
    const value = Number(params.get(key));
    if (params.get(key) && Number.isFinite(value)) filters[key] = value;
  }
  return filters;
}

export function writeFilters(params: URLSearchParams, filters: AlertFilters): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value === undefined || value === '') next.delete(key);
    else next.set(key, String(value));
  }
  return next;
}

export const hasFilters = (filters: AlertFilters): boolean => Object.values(filters).some((v) => v !== undefined && v !== '');
