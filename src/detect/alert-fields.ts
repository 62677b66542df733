// The fields an alert shows, by family, with PRODUCT.md §3's labels in its order (EventID is prepended when presented).
import type { EventFields, FieldValue } from '../events/event.ts';
import type { Family } from './rule-meta.ts';

export type AlertField = [label: string, value: string | null];

const DEVICE_ACTIONS = ['Allowed', 'Blocked', 'Cleaned', 'Quarantined', 'Permitted', 'Detected'];
const BLOCKING = /DENIED|BLOCK|DROP|REJECT|QUARANTIN/i;
const WELL_KNOWN_PORTS: Record<number, string> = { 21: 'FTP', 22: 'SSH', 23: 'Telnet', 25: 'SMTP', 445: 'SMB', 1194: 'OpenVPN', 3389: 'RDP', 5900: 'VNC' };

function text(value: FieldValue | undefined): string | null {
  if (value === undefined || value === '') return null;
  if (Array.isArray(value)) return value.length === 0 ? null : value.map(String).join(', ');
  return String(value);
}

function first(fields: EventFields, ...names: string[]): string | null {
  for (const name of names) {
    const v = text(fields[name]);
    if (v !== null) return v;
  }
  return null;
}

/** The device's verdict on the traffic in the SOC's words: a scenario's own value, or Blocked/Allowed from the proxy's action. */
export function deviceAction(fields: EventFields): string {
  const action = text(fields['event.action']);
  if (action !== null) {
    const known = DEVICE_ACTIONS.find((a) => a.toLowerCase() === action.toLowerCase());
    if (known) return known;
    if (BLOCKING.test(action)) return 'Blocked';
  }
  return 'Allowed';
}

function protocol(fields: EventFields): string | null {
  const named = first(fields, 'network.protocol', 'network.application');
  if (named !== null) return named.toUpperCase();
  const port = fields['destination.port'];
  if (typeof port === 'number' && WELL_KNOWN_PORTS[port]) return WELL_KNOWN_PORTS[port];
  return first(fields, 'network.transport');
}

export interface AlertHeader {
  eventTime: number;
  rule: string;
  tier: string;
  /** Why the alert fired, in words (the rule's description, or the correlation's result). */
  reason: string;
}

/** The alert's fields for its family, from the event that raised it. */
export function alertFields(family: Family, header: AlertHeader, f: EventFields): AlertField[] {
  const head: AlertField[] = [
    ['Event Time', new Date(header.eventTime).toISOString()],
    ['Rule', header.rule],
    ['Level', header.tier],
  ];
  const hash = first(f, 'file.hash.sha256', 'file.hash.md5', 'file.hash.sha1', 'process.hash.sha256', 'process.hash.md5');
  switch (family) {
    case 'proxy':
      return [
        ...head,
        ['Source Address', first(f, 'source.ip')],
        ['Source Hostname', first(f, 'host.name', 'source.domain')],
        ['Destination Address', first(f, 'destination.ip')],
        ['Destination Hostname', first(f, 'destination.domain', 'url.domain')],
        ['Username', first(f, 'user.name')],
        ['Request URL', first(f, 'url.original')],
        ['User Agent', first(f, 'user_agent.original')],
        ['Device Action', deviceAction(f)],
      ];
    case 'malware':
      return [
        ...head,
        ['Source Address', first(f, 'source.ip', 'host.ip')],
        ['Source Hostname', first(f, 'host.name')],
        ['File Name', first(f, 'file.name', 'process.name')],
        ['File Hash', hash],
        ['File Size', first(f, 'file.size')],
        ['Device Action', deviceAction(f)],
        ['File', hash === null ? null : `sample ${hash} (zip, password infected)`],
      ];
    case 'edr':
      return [
        ...head,
        ['Hostname', first(f, 'host.name')],
        ['IP Address', first(f, 'host.ip', 'source.ip')],
        ['File Name', first(f, 'file.name', 'process.name')],
        ['File Path', first(f, 'file.path', 'process.executable')],
        ['File Hash', hash],
        ['Trigger Reason', header.reason],
        ['AV/EDR Action', deviceAction(f)],
      ];
    case 'exchange':
      return [
        ...head,
        ['SMTP Address', first(f, 'email.smtp.address', 'source.ip')],
        ['Source Address', first(f, 'email.from.address', 'source.user.email')],
        ['Destination Address', first(f, 'email.to.address', 'destination.user.email')],
        ['E-mail Subject', first(f, 'email.subject')],
        ['Device Action', deviceAction(f)],
      ];
    case 'web-attack':
      return [
        ...head,
        ['Hostname', first(f, 'host.name', 'url.domain', 'destination.domain')],
        ['Destination IP Address', first(f, 'destination.ip')],
        ['Source IP Address', first(f, 'source.ip')],
        ['HTTP Request Method', first(f, 'http.request.method')],
        ['Requested URL', first(f, 'url.original')],
        ['User-Agent', first(f, 'user_agent.original')],
        ['Alert Trigger Reason', header.reason],
        ['Device Action', deviceAction(f)],
      ];
    case 'brute-force':
      return [
        ...head,
        ['Source IP Address', first(f, 'source.ip')],
        ['Destination IP Address', first(f, 'destination.ip')],
        ['Destination Hostname', first(f, 'destination.domain', 'host.name')],
        ['Protocol', protocol(f)],
        ['Firewall Action', deviceAction(f)],
        ['Alert Trigger Reason', header.reason],
      ];
  }
}
