// Artifact types of the Add Artifacts step (PRODUCT.md §4) and what validating a value of each type reports.

export const ARTIFACT_TYPES = [
  'IP Address',
  'URL Address',
  'Domain',
  'MD5 Hash',
  'SHA1 Hash',
  'SHA256 Hash',
  'E-mail Sender',
  'E-mail Domain',
  'File Name',
  'Hostname',
  'Username',
] as const;

export type ArtifactType = (typeof ARTIFACT_TYPES)[number];

export function isArtifactType(text: string): text is ArtifactType {
  return (ARTIFACT_TYPES as readonly string[]).includes(text);
}

/** An artifact as stored with a case: its value already normalised by its type. */
export interface Artifact {
  type: ArtifactType;
  value: string;
  comment: string;
}

/** A row as the analyst typed it. */
export interface ArtifactInput {
  type: string;
  value: string;
  comment?: string;
}

/** Where an address sits: `public` is globally routed unicast; `private` is RFC 1918, unique-local, CGNAT, loopback or link-local. */
export type AddressScope = 'public' | 'private' | 'special';

export interface IpDetails {
  type: 'IP Address';
  version: 4 | 6;
  /** ipaddr.js's range name: unicast, private, loopback, linkLocal, uniqueLocal, carrierGradeNat, multicast, reserved, … */
  range: string;
  scope: AddressScope;
  /** For IPv4-mapped IPv6 addresses (::ffff:a.b.c.d), the IPv4 address. */
  mappedIpv4?: string;
}

export interface DomainDetails {
  type: 'Domain' | 'E-mail Domain';
  /** The registrable domain (public suffix + one label), e.g. example.co.uk for mail.example.co.uk. */
  registrableDomain: string;
  publicSuffix: string;
  /** Labels left of the registrable domain ('' when none). */
  subdomain: string;
  /** The suffix comes from the private section of the Public Suffix List (e.g. blogspot.com). */
  privateSuffix: boolean;
  /** The Unicode form when the domain is an IDN (punycode in `value`). */
  unicode?: string;
}

export interface UrlDetails {
  type: 'URL Address';
  scheme: string;
  host: string;
  hostKind: 'domain' | 'ip';
  /** Null for IP hosts. */
  registrableDomain: string | null;
  /** The value was defanged (hxxp, [.], …) and has been refanged. */
  refanged: boolean;
}

export interface HashDetails {
  type: 'MD5 Hash' | 'SHA1 Hash' | 'SHA256 Hash';
  algorithm: 'md5' | 'sha1' | 'sha256';
  bits: 128 | 160 | 256;
}

export interface EmailSenderDetails {
  type: 'E-mail Sender';
  localPart: string;
  domain: string;
  registrableDomain: string;
  /** The display name when the value was given as `Name <address>`. */
  displayName?: string;
}

export interface FileNameDetails {
  type: 'File Name';
  /** Lower-case extension without the dot; null when there is none. */
  extension: string | null;
  /** Two extensions where the first looks like a document, e.g. invoice.pdf.exe. */
  doubleExtension: boolean;
  /** Bidirectional or zero-width formatting characters (U+202E and friends), used to disguise extensions. */
  hiddenCharacters: boolean;
}

export interface HostnameDetails {
  type: 'Hostname';
  /** `dns`: RFC 1123 name (one or more labels); `netbios`: a NetBIOS name that is not a valid DNS label. */
  form: 'dns' | 'netbios';
  /** The first label, e.g. SusieHost for SusieHost.letsdefend.local. */
  shortName: string;
}

export interface UsernameDetails {
  type: 'Username';
  /** `plain`: user; `down-level`: DOMAIN\user; `upn`: user@domain. */
  form: 'plain' | 'down-level' | 'upn';
  user: string;
  domain: string | null;
}

/** What validation reports for each artifact type. */
export interface ArtifactDetailsMap {
  'IP Address': IpDetails;
  'URL Address': UrlDetails;
  Domain: DomainDetails;
  'MD5 Hash': HashDetails;
  'SHA1 Hash': HashDetails;
  'SHA256 Hash': HashDetails;
  'E-mail Sender': EmailSenderDetails;
  'E-mail Domain': DomainDetails;
  'File Name': FileNameDetails;
  Hostname: HostnameDetails;
  Username: UsernameDetails;
}

export type DetailsOf<T extends ArtifactType> = ArtifactDetailsMap[T];
export type ArtifactDetails = ArtifactDetailsMap[ArtifactType];

export type ArtifactValidation<T extends ArtifactType = ArtifactType> =
  | { ok: true; value: string; details: DetailsOf<T> }
  | { ok: false; reason: string };
