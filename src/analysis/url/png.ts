// Minimal PNG reader for screenshots: signature and IHDR facts, and a zlib decode of 8-bit truecolour images to count colours.
import { inflateSync } from 'node:zlib';

export const PNG_SIGNATURE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  interlace: number;
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Signature check and the IHDR chunk (always first); null when the bytes are not a PNG. */
export function readPngHeader(bytes: Uint8Array): PngHeader | null {
  if (bytes.length < 33 || !PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return null;
  const dv = view(bytes);
  const type = String.fromCharCode(...bytes.subarray(12, 16));
  if (type !== 'IHDR' || dv.getUint32(8) !== 13) return null;
  return {
    width: dv.getUint32(16), height: dv.getUint32(20), bitDepth: bytes[24] ?? 0, colourType: bytes[25] ?? 0, interlace: bytes[28] ?? 0,
  };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * Number of distinct colours, counting up to `limit` (8-bit RGB or RGBA, not interlaced — what Chromium writes).
 * Null for other PNG flavours.
 */
export function countPngColours(bytes: Uint8Array, limit = 1024): number | null {
  const header = readPngHeader(bytes);
  if (!header || header.bitDepth !== 8 || header.interlace !== 0 || (header.colourType !== 2 && header.colourType !== 6)) return null;
  const channels = header.colourType === 6 ? 4 : 3;
  const dv = view(bytes);
  const idat: Uint8Array[] = [];
  for (let off = 8; off + 12 <= bytes.length;) {
    const len = dv.getUint32(off);
    const type = String.fromCharCode(...bytes.subarray(off + 4, off + 8));
    if (type === 'IDAT') idat.push(bytes.subarray(off + 8, off + 8 + len));
    if (type === 'IEND') break;
    off += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = header.width * channels;
  let prev = new Uint8Array(stride);
  const colours = new Set<number>();
  for (let y = 0; y < header.height; y++) {
    const base = y * (stride + 1);
    const filter = raw[base] ?? 0;
    const line = new Uint8Array(raw.subarray(base + 1, base + 1 + stride));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? (line[i - channels] ?? 0) : 0;
      const b = prev[i] ?? 0;
      const c = i >= channels ? (prev[i - channels] ?? 0) : 0;
      const x = line[i] ?? 0;
      const predictor = filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : filter === 4 ? paeth(a, b, c) : 0;
      line[i] = (x + predictor) & 0xff;
    }
    for (let i = 0; i < stride; i += channels) {
      colours.add(((line[i] ?? 0) << 16) | ((line[i + 1] ?? 0) << 8) | (line[i + 2] ?? 0));
      if (colours.size >= limit) return colours.size;
    }
    prev = line;
  }
  return colours.size;
}
