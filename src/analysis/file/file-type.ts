// File type by magic bytes (executables, archives, documents, images, scripts, disk images) with a MIME type.

export interface FileType {
  /** Short stable id, e.g. `pe-exe`, `zip`, `ooxml-docx`, `ole2-msi`, `script-shell`. */
  kind: string;
  description: string;
  mime: string;
  /** Usual extension without the dot ('' when none fits). */
  extension: string;
}

const t = (kind: string, description: string, mime: string, extension: string): FileType => ({ kind, description, mime, extension });

const startsWith = (b: Uint8Array, sig: number[], at = 0): boolean =>
  b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);

const ascii = (b: Uint8Array, from: number, to: number): string =>
  Buffer.from(b.buffer, b.byteOffset + Math.min(from, b.length), Math.max(0, Math.min(to, b.length) - Math.min(from, b.length))).toString('latin1');

const u16 = (b: Uint8Array, o: number): number => (o + 2 <= b.length ? (b[o] as number) | ((b[o + 1] as number) << 8) : 0);
const u32 = (b: Uint8Array, o: number): number => (o + 4 <= b.length ? (u16(b, o) | (u16(b, o + 2) << 16)) >>> 0 : 0);
const u32be = (b: Uint8Array, o: number): number => (o + 4 <= b.length ? ((b[o] as number) * 0x1000000 + (((b[o + 1] as number) << 16) | ((b[o + 2] as number) << 8) | (b[o + 3] as number))) : 0);

export function detectFileType(b: Uint8Array): FileType {
  if (b.length === 0) return t('empty', 'empty file', 'application/x-empty', '');
  if (startsWith(b, [0x4d, 0x5a])) return mz(b);
  if (startsWith(b, [0x7f, 0x45, 0x4c, 0x46])) return t('elf', `ELF ${b[4] === 2 ? '64' : '32'}-bit`, 'application/x-elf', '');
  const m = u32be(b, 0);
  if ([0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe].includes(m)) return t('macho', 'Mach-O binary', 'application/x-mach-binary', '');
  if (m === 0xcafebabe) {
    return u32be(b, 4) < 32 ? t('macho-fat', 'Mach-O universal binary', 'application/x-mach-binary', '')
      : t('java-class', 'Java class file', 'application/java-vm', 'class');
  }
  if (startsWith(b, [0x50, 0x4b]) && [0x0403, 0x0605, 0x0807].includes(u16(b, 2))) return zip(b);
  if (ascii(b, 0, 1024).includes('%PDF-')) return t('pdf', 'PDF document', 'application/pdf', 'pdf');
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return ole2(b);
  if (ascii(b, 0, 5) === '{\\rtf') return t('rtf', 'Rich Text Format document', 'application/rtf', 'rtf');
  if (startsWith(b, [0x1f, 0x8b])) return t('gzip', 'gzip compressed data', 'application/gzip', 'gz');
  if (startsWith(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return t('7z', '7-Zip archive', 'application/x-7z-compressed', '7z');
  if (ascii(b, 0, 6) === 'Rar!\x1a\x07') return t('rar', `RAR archive (v${b[6] === 1 ? 5 : 4})`, 'application/vnd.rar', 'rar');
  if (ascii(b, 0, 3) === 'BZh') return t('bzip2', 'bzip2 compressed data', 'application/x-bzip2', 'bz2');
  if (startsWith(b, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return t('xz', 'xz compressed data', 'application/x-xz', 'xz');
  if (startsWith(b, [0x28, 0xb5, 0x2f, 0xfd])) return t('zstd', 'Zstandard compressed data', 'application/zstd', 'zst');
  if (ascii(b, 0, 4) === 'MSCF') return t('cab', 'Microsoft Cabinet archive', 'application/vnd.ms-cab-compressed', 'cab');
  if (ascii(b, 257, 262) === 'ustar') return t('tar', 'tar archive', 'application/x-tar', 'tar');
  if (startsWith(b, [0x4c, 0, 0, 0, 0x01, 0x14, 0x02, 0, 0, 0, 0, 0, 0xc0, 0, 0, 0, 0, 0, 0, 0x46])) {
    return t('lnk', 'Windows shortcut (LNK)', 'application/x-ms-shortcut', 'lnk');
  }
  if ([0x8001, 0x8801, 0x9001].some((o) => ascii(b, o, o + 5) === 'CD001')) return t('iso', 'ISO 9660 disk image', 'application/x-iso9660-image', 'iso');
  if (ascii(b, 0x8001, 0x8006) === 'BEA01') return t('udf', 'UDF disk image', 'application/x-udf-image', 'iso');
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return t('png', 'PNG image', 'image/png', 'png');
  if (startsWith(b, [0xff, 0xd8, 0xff])) return t('jpeg', 'JPEG image', 'image/jpeg', 'jpg');
  if (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a') return t('gif', 'GIF image', 'image/gif', 'gif');
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return t('webp', 'WebP image', 'image/webp', 'webp');
  if (ascii(b, 0, 2) === 'BM' && u32(b, 2) === b.length) return t('bmp', 'BMP image', 'image/bmp', 'bmp');
  if (startsWith(b, [0, 0x61, 0x73, 0x6d])) return t('wasm', 'WebAssembly module', 'application/wasm', 'wasm');
  if (ascii(b, 0, 4) === 'dex\n') return t('dex', 'Android DEX', 'application/vnd.android.dex', 'dex');
  return text(b);
}

function mz(b: Uint8Array): FileType {
  const pe = u32(b, 0x3c);
  if (pe > 0 && u32(b, pe) === 0x00004550) {
    const dll = (u16(b, pe + 22) & 0x2000) !== 0;
    const magic = u16(b, pe + 24);
    const bits = magic === 0x20b ? 'PE32+' : 'PE32';
    const subsystem = u16(b, pe + 24 + 68);
    if (dll) return t('pe-dll', `${bits} DLL`, 'application/vnd.microsoft.portable-executable', 'dll');
    if (subsystem === 1) return t('pe-driver', `${bits} native/driver`, 'application/vnd.microsoft.portable-executable', 'sys');
    return t('pe-exe', `${bits} executable`, 'application/vnd.microsoft.portable-executable', 'exe');
  }
  return t('mz', 'MS-DOS executable (MZ)', 'application/x-dosexec', 'exe');
}

function zip(b: Uint8Array): FileType {
  // Member names are in the local headers (start) and the central directory (end): look at both, bounded.
  const head = ascii(b, 0, 1 << 20);
  const tail = b.length > 1 << 20 ? ascii(b, b.length - 65_536, b.length) : '';
  const has = (name: string): boolean => head.includes(name) || tail.includes(name);
  // ODF/EPUB: a first, stored member named "mimetype" holding the MIME type.
  const nameLength = u16(b, 26);
  const dataStart = 30 + nameLength + u16(b, 28);
  const mimetype = ascii(b, 30, 30 + nameLength) === 'mimetype' ? /^(application\/[\w.+-]+)/.exec(ascii(b, dataStart, dataStart + 100)) : null;
  if (mimetype?.[1]?.startsWith('application/vnd.oasis.opendocument')) return t('odf', 'OpenDocument file', mimetype[1], 'odt');
  if (mimetype?.[1] === 'application/epub+zip') return t('epub', 'EPUB e-book', 'application/epub+zip', 'epub');
  if (has('AndroidManifest.xml') && has('classes.dex')) return t('apk', 'Android package (APK)', 'application/vnd.android.package-archive', 'apk');
  if (has('[Content_Types].xml')) {
    if (has('word/')) return t('ooxml-docx', 'Word document (OOXML)', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx');
    if (has('xl/')) return t('ooxml-xlsx', 'Excel workbook (OOXML)', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx');
    if (has('ppt/')) return t('ooxml-pptx', 'PowerPoint presentation (OOXML)', 'application/vnd.openxmlformats-officedocument.presentationml.presentation', 'pptx');
    return t('ooxml', 'Office Open XML package', 'application/vnd.openxmlformats-package', 'zip');
  }
  if (has('META-INF/MANIFEST.MF')) return t('jar', 'Java archive (JAR)', 'application/java-archive', 'jar');
  return t('zip', 'ZIP archive', 'application/zip', 'zip');
}

const OLE_CLSIDS: Record<string, FileType> = {
  '84100c00000000000c00000000000046': t('ole2-msi', 'Windows Installer package (MSI)', 'application/x-msi', 'msi'),
  '06090200000000000c00000000000046': t('ole2-doc', 'Word 97-2003 document', 'application/msword', 'doc'),
  '20080200000000000c00000000000046': t('ole2-xls', 'Excel 97-2003 workbook', 'application/vnd.ms-excel', 'xls'),
  '10080200000000000c00000000000046': t('ole2-xls', 'Excel 97-2003 workbook', 'application/vnd.ms-excel', 'xls'),
  '108d81649b4fcf1186ea00aa00b929e8': t('ole2-ppt', 'PowerPoint 97-2003 presentation', 'application/vnd.ms-powerpoint', 'ppt'),
};

function ole2(b: Uint8Array): FileType {
  const sectorSize = 1 << Math.min(16, u16(b, 0x1e));
  const dir = (u32(b, 0x30) + 1) * sectorSize;
  if (dir + 0x60 <= b.length) {
    const clsid = Buffer.from(b.subarray(dir + 0x50, dir + 0x60)).toString('hex');
    const known = OLE_CLSIDS[clsid];
    if (known) return known;
    const names = Buffer.from(b.subarray(dir, Math.min(b.length, dir + sectorSize * 4))).toString('utf16le');
    if (names.includes('WordDocument')) return OLE_CLSIDS['06090200000000000c00000000000046'] as FileType;
    if (names.includes('Workbook') || names.includes('Book')) return OLE_CLSIDS['20080200000000000c00000000000046'] as FileType;
    if (names.includes('PowerPoint Document')) return OLE_CLSIDS['108d81649b4fcf1186ea00aa00b929e8'] as FileType;
  }
  return t('ole2', 'OLE2 compound file (CFB)', 'application/x-ole-storage', '');
}

const INTERPRETERS: [RegExp, string, string, string][] = [
  [/\b(ba|z|k|da)?sh\b/, 'script-shell', 'text/x-shellscript', 'sh'],
  [/\bpython[\d.]*\b/, 'script-python', 'text/x-python', 'py'],
  [/\bperl\b/, 'script-perl', 'text/x-perl', 'pl'],
  [/\bruby\b/, 'script-ruby', 'text/x-ruby', 'rb'],
  [/\b(node|deno|bun)\b/, 'script-javascript', 'text/javascript', 'js'],
  [/\bphp\b/, 'script-php', 'application/x-httpd-php', 'php'],
  [/\bpwsh\b/, 'script-powershell', 'text/x-powershell', 'ps1'],
];

function text(b: Uint8Array): FileType {
  const start = ascii(b, 0, 2048);
  if (start.startsWith('#!')) {
    const line = start.slice(2, start.indexOf('\n') >= 0 ? start.indexOf('\n') : undefined);
    for (const [re, kind, mime, ext] of INTERPRETERS) {
      if (re.test(line)) return t(kind, `script (${line.trim()})`, mime, ext);
    }
    return t('script', `script (${line.trim()})`, 'text/plain', '');
  }
  const lead = start.replace(/^(\xef\xbb\xbf|\s)+/, '').slice(0, 512).toLowerCase();
  if (lead.startsWith('<?php')) return t('script-php', 'PHP script', 'application/x-httpd-php', 'php');
  if (/^<!doctype html|^<html|^<head|^<body|^<script|^<iframe/.test(lead)) return t('html', 'HTML document', 'text/html', 'html');
  if (lead.startsWith('<?xml') || lead.startsWith('<svg')) {
    return lead.includes('<svg') ? t('svg', 'SVG image', 'image/svg+xml', 'svg') : t('xml', 'XML document', 'application/xml', 'xml');
  }
  let printable = 0;
  const sample = b.subarray(0, 4096);
  for (const c of sample) if (c === 9 || c === 10 || c === 13 || (c >= 0x20 && c !== 0x7f)) printable++;
  if (printable === sample.length) return t('text', 'text', 'text/plain', 'txt');
  return t('data', 'unknown binary data', 'application/octet-stream', '');
}
