// Names for PE header constants: machines, subsystems, characteristics, data directories, resource types.

const MACHINES: Record<number, string> = {
  0x0: 'unknown', 0x14c: 'i386', 0x8664: 'amd64', 0x1c0: 'arm', 0x1c4: 'armnt', 0xaa64: 'arm64', 0x200: 'ia64',
  0x1d3: 'am33', 0xebc: 'ebc', 0x9041: 'm32r', 0x266: 'mips16', 0x366: 'mipsfpu', 0x466: 'mipsfpu16',
  0x1f0: 'powerpc', 0x1f1: 'powerpcfp', 0x166: 'r4000', 0x1a2: 'sh3', 0x1a3: 'sh3dsp', 0x1a6: 'sh4', 0x1a8: 'sh5',
  0x1c2: 'thumb', 0x169: 'wcemipsv2', 0x5032: 'riscv32', 0x5064: 'riscv64', 0x6232: 'loongarch32', 0x6264: 'loongarch64',
};

const SUBSYSTEMS: Record<number, string> = {
  0: 'unknown', 1: 'native', 2: 'windows-gui', 3: 'windows-cui', 5: 'os2-cui', 7: 'posix-cui', 8: 'native-windows',
  9: 'windows-ce-gui', 10: 'efi-application', 11: 'efi-boot-service-driver', 12: 'efi-runtime-driver', 13: 'efi-rom',
  14: 'xbox', 16: 'windows-boot-application',
};

const FILE_CHARACTERISTICS: [number, string][] = [
  [0x0001, 'relocs-stripped'], [0x0002, 'executable-image'], [0x0004, 'line-nums-stripped'], [0x0008, 'local-syms-stripped'],
  [0x0010, 'aggressive-ws-trim'], [0x0020, 'large-address-aware'], [0x0080, 'bytes-reversed-lo'], [0x0100, '32bit-machine'],
  [0x0200, 'debug-stripped'], [0x0400, 'removable-run-from-swap'], [0x0800, 'net-run-from-swap'], [0x1000, 'system'],
  [0x2000, 'dll'], [0x4000, 'up-system-only'], [0x8000, 'bytes-reversed-hi'],
];

const SECTION_FLAGS: [number, string][] = [
  [0x00000020, 'code'], [0x00000040, 'initialized-data'], [0x00000080, 'uninitialized-data'], [0x02000000, 'discardable'],
  [0x10000000, 'shared'], [0x20000000, 'execute'], [0x40000000, 'read'], [0x80000000, 'write'],
];

export const DATA_DIRECTORY_NAMES = [
  'export', 'import', 'resource', 'exception', 'security', 'basereloc', 'debug', 'architecture',
  'globalptr', 'tls', 'load-config', 'bound-import', 'iat', 'delay-import', 'com-descriptor', 'reserved',
];

const RESOURCE_TYPES: Record<number, string> = {
  1: 'RT_CURSOR', 2: 'RT_BITMAP', 3: 'RT_ICON', 4: 'RT_MENU', 5: 'RT_DIALOG', 6: 'RT_STRING', 7: 'RT_FONTDIR', 8: 'RT_FONT',
  9: 'RT_ACCELERATOR', 10: 'RT_RCDATA', 11: 'RT_MESSAGETABLE', 12: 'RT_GROUP_CURSOR', 14: 'RT_GROUP_ICON', 16: 'RT_VERSION',
  17: 'RT_DLGINCLUDE', 19: 'RT_PLUGPLAY', 20: 'RT_VXD', 21: 'RT_ANICURSOR', 22: 'RT_ANIICON', 23: 'RT_HTML', 24: 'RT_MANIFEST',
};

export function machineName(machine: number): string {
  return MACHINES[machine] ?? `unknown-0x${machine.toString(16)}`;
}

export function isKnownMachine(machine: number): boolean {
  return machine in MACHINES;
}

export function subsystemName(subsystem: number): string {
  return SUBSYSTEMS[subsystem] ?? `unknown-${subsystem}`;
}

export function characteristicFlags(value: number): string[] {
  return FILE_CHARACTERISTICS.filter(([bit]) => (value & bit) !== 0).map(([, name]) => name);
}

export function sectionFlags(value: number): string[] {
  return SECTION_FLAGS.filter(([bit]) => (value & bit) >>> 0 !== 0).map(([, name]) => name);
}

export function resourceTypeName(id: number): string {
  return RESOURCE_TYPES[id] ?? String(id);
}
