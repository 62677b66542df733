// Bounds-checked little-endian reads over untrusted bytes: out-of-range reads yield 0/'' instead of throwing.

export class ByteReader {
  readonly bytes: Uint8Array;
  readonly length: number;
  private readonly view: DataView;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.length = bytes.length;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** True when [offset, offset + size) lies inside the buffer. */
  fits(offset: number, size: number): boolean {
    return Number.isSafeInteger(offset) && offset >= 0 && size >= 0 && offset + size <= this.length;
  }

  u8(offset: number): number {
    return this.fits(offset, 1) ? this.view.getUint8(offset) : 0;
  }

  u16(offset: number): number {
    return this.fits(offset, 2) ? this.view.getUint16(offset, true) : 0;
  }

  u32(offset: number): number {
    return this.fits(offset, 4) ? this.view.getUint32(offset, true) : 0;
  }

  u64(offset: number): bigint {
    return this.fits(offset, 8) ? this.view.getBigUint64(offset, true) : 0n;
  }

  /** A NUL-terminated byte string (latin1) of at most `max` bytes; `terminated` is false when no NUL was found. */
  cstring(offset: number, max: number): { value: string; terminated: boolean } {
    if (!this.fits(offset, 1)) return { value: '', terminated: false };
    const end = Math.min(this.length, offset + max);
    let i = offset;
    while (i < end && this.bytes[i] !== 0) i++;
    return { value: latin1(this.bytes.subarray(offset, i)), terminated: i < end };
  }

  /** A UTF-16LE string of `chars` code units (clipped at the end of the buffer). */
  utf16(offset: number, chars: number): string {
    if (offset < 0 || offset >= this.length) return '';
    const end = Math.min(this.length, offset + chars * 2) & ~1;
    const start = offset;
    if (end <= start) return '';
    return Buffer.from(this.bytes.buffer, this.bytes.byteOffset + start, end - start).toString('utf16le');
  }

  slice(offset: number, size: number): Uint8Array {
    const start = Math.max(0, Math.min(offset, this.length));
    const end = Math.max(start, Math.min(offset + size, this.length));
    return this.bytes.subarray(start, end);
  }
}

export function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** Shannon entropy in bits per byte (0..8), rounded to 4 decimals. */
export function entropy(bytes: Uint8Array): number {
  const n = bytes.length;
  if (n === 0) return 0;
  const counts = new Uint32Array(256);
  for (let i = 0; i < n; i++) counts[bytes[i] as number] = (counts[bytes[i] as number] as number) + 1;
  let h = 0;
  for (let b = 0; b < 256; b++) {
    const c = counts[b] as number;
    if (c === 0) continue;
    const p = c / n;
    h -= p * Math.log2(p);
  }
  return Math.round(h * 10000) / 10000;
}

export function hex(value: number | bigint): string {
  return '0x' + value.toString(16);
}
