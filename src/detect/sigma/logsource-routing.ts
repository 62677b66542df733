// Which event datasets a Sigma log source (category/product/service) applies to, as route keys shared by rules and events.
import type { LogSource } from './ast.ts';

interface Route {
  datasets: readonly string[];
  /** ECS `event.category` values that also carry this log source (for generic ECS/NDJSON events). */
  ecsCategories?: readonly string[];
}

const WINDOWS_SYSMON = ['windows.sysmon', 'windows.sysmon_operational', 'sysmon'];

/** Log source category → datasets. Keys are `category` or `product/category` (the more specific wins). */
export const CATEGORY_ROUTES: Readonly<Record<string, Route>> = {
  proxy: {
    datasets: ['squid.access', 'zeek.http', 'w3c.proxy', 'scenario.proxy', 'zscaler.web', 'cisco.wsa', 'forcepoint.web', 'bluecoat.proxysg'],
    ecsCategories: ['web'],
  },
  webserver: {
    datasets: ['w3c.iis', 'iis.access', 'apache.access', 'nginx.access', 'scenario.webserver'],
    ecsCategories: ['web'],
  },
  firewall: { datasets: ['zeek.conn', 'scenario.firewall', 'pf.log', 'iptables.log', 'paloalto.traffic'], ecsCategories: ['network'] },
  dns: { datasets: ['zeek.dns', 'scenario.dns', 'bind.query'] },
  antivirus: { datasets: ['scenario.antivirus', 'windows.defender'], ecsCategories: ['malware'] },
  process_creation: { datasets: [...WINDOWS_SYSMON, 'windows.security', 'scenario.os', 'linux.auditd'], ecsCategories: ['process'] },
  'windows/process_creation': { datasets: [...WINDOWS_SYSMON, 'windows.security', 'scenario.os'], ecsCategories: ['process'] },
  'linux/process_creation': { datasets: ['linux.sysmon', 'linux.auditd', 'scenario.os'], ecsCategories: ['process'] },
  'macos/process_creation': { datasets: ['macos.esf', 'scenario.os'], ecsCategories: ['process'] },
  network_connection: { datasets: [...WINDOWS_SYSMON, 'linux.sysmon', 'scenario.os'] },
  dns_query: { datasets: [...WINDOWS_SYSMON, 'scenario.os'] },
  file_event: { datasets: [...WINDOWS_SYSMON, 'linux.sysmon', 'scenario.os'], ecsCategories: ['file'] },
  registry_event: { datasets: [...WINDOWS_SYSMON, 'scenario.os'], ecsCategories: ['registry'] },
  registry_set: { datasets: [...WINDOWS_SYSMON, 'scenario.os'], ecsCategories: ['registry'] },
  registry_add: { datasets: [...WINDOWS_SYSMON, 'scenario.os'], ecsCategories: ['registry'] },
  registry_delete: { datasets: [...WINDOWS_SYSMON, 'scenario.os'], ecsCategories: ['registry'] },
  image_load: { datasets: [...WINDOWS_SYSMON, 'scenario.os'] },
  ps_script: { datasets: ['windows.powershell', 'windows.powershell_operational', 'scenario.os'] },
  ps_module: { datasets: ['windows.powershell', 'windows.powershell_operational'] },
};

/** Routes an event: `dataset:<event.dataset>`, `product:<first part of the dataset>`, `category:<event.category>`, and `*`. */
export function eventRouteKeys(fields: Readonly<Record<string, unknown>>): string[] {
  const keys = ['*'];
  const dataset = fields['event.dataset'];
  if (typeof dataset === 'string' && dataset !== '') {
    keys.push(`dataset:${dataset}`);
    const dot = dataset.indexOf('.');
    keys.push(`product:${dot < 0 ? dataset : dataset.slice(0, dot)}`);
  }
  const category = fields['event.category'];
  for (const c of Array.isArray(category) ? (category as unknown[]) : [category]) if (typeof c === 'string' && c !== '') keys.push(`category:${c}`);
  return keys;
}

/** The route keys of a rule's log source. A rule with an empty log source applies to every event (`*`). */
export function ruleRouteKeys(ls: LogSource): string[] {
  const { category, product, service } = ls;
  const keys = new Set<string>();
  const route = category === undefined ? undefined : (product !== undefined ? CATEGORY_ROUTES[`${product}/${category}`] : undefined) ?? CATEGORY_ROUTES[category];
  if (route !== undefined) {
    for (const d of route.datasets) keys.add(`dataset:${d}`);
    for (const c of route.ecsCategories ?? []) keys.add(`category:${c}`);
  } else if (category !== undefined) {
    keys.add(`dataset:${product !== undefined ? `${product}.` : ''}${category}`);
    keys.add(`dataset:scenario.${category}`);
  }
  if (route === undefined) {
    if (product !== undefined && service !== undefined) keys.add(`dataset:${product}.${service}`);
    else if (product !== undefined && category === undefined) keys.add(`product:${product}`);
    else if (service !== undefined) keys.add(`dataset:${service}`);
  }
  if (keys.size === 0) keys.add('*');
  return [...keys];
}
