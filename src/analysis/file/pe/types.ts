// Shapes of the PE parser's report (plain JSON-serialisable data).

export interface PeAnomaly {
  /** Stable identifier, e.g. `rwx-section`, `section-table-truncated`. */
  code: string;
  message: string;
}

export interface PeSection {
  name: string;
  virtualAddress: number;
  virtualSize: number;
  rawAddress: number;
  rawSize: number;
  characteristics: number;
  /** Decoded characteristics: code, initialized-data, uninitialized-data, discardable, shared, read, write, execute. */
  flags: string[];
  /** Shannon entropy of the raw data present in the file (bits per byte). */
  entropy: number;
  anomalies: string[];
}

export interface PeDataDirectory {
  index: number;
  name: string;
  rva: number;
  size: number;
}

export interface PeImportedFunction {
  /** Name as imported, or as resolved from the ordinal (ws2_32/wsock32/oleaut32) like YARA and pefile do. */
  name: string;
  ordinal?: number;
  hint?: number;
  /** True when imported by ordinal only. */
  byOrdinal: boolean;
}

export interface PeImport {
  dll: string;
  functions: PeImportedFunction[];
}

export interface PeExport {
  ordinal: number;
  name?: string;
  rva: number;
  forwarder?: string;
}

export interface PeExports {
  dllName: string;
  timestamp: number;
  ordinalBase: number;
  functions: PeExport[];
}

export interface PeVersionInfo {
  /** FileVersion from VS_FIXEDFILEINFO, e.g. "1.2.3.4". */
  fixedFileVersion?: string;
  fixedProductVersion?: string;
  /** StringFileInfo values (CompanyName, ProductName, FileVersion, OriginalFilename, FileDescription, InternalName, LegalCopyright, …). */
  strings: Record<string, string>;
}

export interface PeResourceSummary {
  /** Count of resource data entries by type (RT_ICON, RT_VERSION, … or the numeric id / name). */
  types: Record<string, number>;
  total: number;
}

export interface PeOverlay {
  offset: number;
  size: number;
  entropy: number;
  /** True when the Authenticode certificate table lies inside the overlay. */
  containsCertificate: boolean;
}

export interface PeRichHeader {
  offset: number;
  xorKey: number;
  /** Number of (product id, build, count) entries. */
  entries: number;
}

/** Offsets the Authenticode hasher needs (file offsets). */
export interface PeLayout {
  optionalHeaderOffset: number;
  checksumOffset: number;
  /** Offset of the security data directory entry (IMAGE_DIRECTORY_ENTRY_SECURITY) or -1 when outside the optional header. */
  securityEntryOffset: number;
  sizeOfHeaders: number;
}

export interface PeInfo {
  format: 'PE32' | 'PE32+';
  is64: boolean;
  machine: number;
  machineName: string;
  timestamp: number;
  timestampIso: string | null;
  characteristics: number;
  characteristicFlags: string[];
  isDll: boolean;
  subsystem: number;
  subsystemName: string;
  dllCharacteristics: number;
  entryPoint: number;
  entryPointSection: string | null;
  /** Hex string: PE32+ image bases do not fit in a JS number in general. */
  imageBase: string;
  sectionAlignment: number;
  fileAlignment: number;
  sizeOfImage: number;
  sizeOfHeaders: number;
  checksum: { stored: number; computed: number | null; matches: boolean | null };
  numberOfSections: number;
  sections: PeSection[];
  dataDirectories: PeDataDirectory[];
  imports: PeImport[];
  /** YARA `pe.imphash()` / pefile `get_imphash()` value, '' when there are no imports. */
  imphash: string;
  exports: PeExports | null;
  resources: PeResourceSummary | null;
  versionInfo: PeVersionInfo | null;
  overlay: PeOverlay | null;
  richHeader: PeRichHeader | null;
  /** The security (certificate table) directory: a file offset, not an RVA. */
  certificateTable: { offset: number; size: number } | null;
  layout: PeLayout;
  anomalies: PeAnomaly[];
}

/** Caps that bound the parser's work on hostile input. */
export interface PeLimits {
  maxSections: number;
  maxImportDlls: number;
  maxImportFunctions: number;
  maxExports: number;
  maxResourceEntries: number;
  maxNameLength: number;
}

export const DEFAULT_PE_LIMITS: PeLimits = {
  maxSections: 96,
  maxImportDlls: 1024,
  maxImportFunctions: 16384,
  maxExports: 16384,
  maxResourceEntries: 4096,
  maxNameLength: 512,
};
