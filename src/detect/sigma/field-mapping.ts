// Sigma taxonomy field names (process_creation, network, dns, file, registry, webserver, proxy…) mapped to the ECS names events carry.
import { canonicalField } from '../../events/event.ts';

/** Sigma name → ECS names to try, in order. Names not listed fall back to `canonicalField`, then to themselves. */
export type FieldMapping = Readonly<Record<string, readonly string[]>>;

export const DEFAULT_FIELD_MAPPING: FieldMapping = {
  // process_creation and friends (Sysmon / Security 4688)
  Image: ['process.executable'],
  CommandLine: ['process.command_line'],
  ParentImage: ['process.parent.executable'],
  ParentCommandLine: ['process.parent.command_line'],
  OriginalFileName: ['process.pe.original_file_name'],
  Product: ['process.pe.product'],
  Company: ['process.pe.company'],
  Description: ['process.pe.description'],
  FileVersion: ['process.pe.file_version'],
  CurrentDirectory: ['process.working_directory'],
  ProcessId: ['process.pid'],
  ParentProcessId: ['process.parent.pid'],
  ProcessGuid: ['process.entity_id'],
  ParentProcessGuid: ['process.parent.entity_id'],
  IntegrityLevel: ['winlog.event_data.IntegrityLevel'],
  User: ['user.name'],
  ParentUser: ['process.parent.user.name'],
  Hashes: ['process.hash.sha256', 'file.hash.sha256'],
  NewProcessName: ['process.executable'],
  ParentProcessName: ['process.parent.executable'],
  // file, image load, registry
  TargetFilename: ['file.path'],
  ImageLoaded: ['file.path'],
  TargetObject: ['registry.path'],
  Details: ['registry.data.strings'],
  // network_connection and firewall
  DestinationIp: ['destination.ip'],
  DestinationPort: ['destination.port'],
  DestinationHostname: ['destination.domain'],
  SourceIp: ['source.ip'],
  SourcePort: ['source.port'],
  SourceHostname: ['source.domain'],
  Protocol: ['network.transport'],
  Initiated: ['network.direction'],
  // dns and dns_query
  QueryName: ['dns.question.name'],
  QueryResults: ['dns.answers.data'],
  QueryStatus: ['dns.response_code'],
  query: ['dns.question.name'],
  answer: ['dns.answers.data'],
  record_type: ['dns.question.type'],
  // Windows event envelope
  EventID: ['event.code'],
  Computer: ['host.name'],
  ComputerName: ['host.name'],
  Channel: ['winlog.channel'],
  Provider_Name: ['winlog.provider_name'],
  // webserver (W3C / IIS, Apache) names beyond the proxy aliases
  'c-ip': ['source.ip'],
  's-ip': ['destination.ip'],
  'cs-username': ['user.name'],
  'cs-referer': ['http.request.referrer'],
  's-computername': ['host.name'],
  's-port': ['destination.port'],
  'cs-uri-port': ['url.port'],
  'cs-uri-scheme': ['url.scheme'],
  'cs-uri-path': ['url.path'],
  'cs-uri-extension': ['url.extension'],
  'cs(User-Agent)': ['user_agent.original'],
  'cs(Referer)': ['http.request.referrer'],
  'rs(Content-Type)': ['http.response.mime_type'],
  // Zeek http/conn/dns names
  'id.orig_h': ['source.ip'],
  'id.orig_p': ['source.port'],
  'id.resp_h': ['destination.ip'],
  'id.resp_p': ['destination.port'],
  method: ['http.request.method'],
  host: ['url.domain'],
  uri: ['url.original'],
  status_code: ['http.response.status_code'],
  resp_mime_types: ['http.response.mime_type'],
};

/** The event keys to try for a Sigma field name: mapped names, then the canonical ECS alias, then the name itself. */
export function fieldKeys(name: string, mapping: FieldMapping = DEFAULT_FIELD_MAPPING): string[] {
  const keys = [...(mapping[name] ?? []), canonicalField(name), name];
  return [...new Set(keys)];
}
