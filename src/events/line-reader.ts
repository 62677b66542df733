// Streams a log file (plain or gzip, detected by magic bytes) as batches of lines, in constant memory.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';

/** Lines longer than this are cut here and flagged, so one hostile line cannot take the memory. */
export const MAX_LINE_BYTES = 2 * 1024 * 1024;
const IDENTITY_BYTES = 64 * 1024;

export interface Line {
  /** 1-based line number in the (decompressed) file. */
  no: number;
  text: string;
  /** True when the line was longer than MAX_LINE_BYTES and only its start is in `text`. */
  truncated: boolean;
}

export interface LineSource {
  path: string;
  gzip: boolean;
  /** Size of the file on disk (compressed size for gzip). */
  size: number;
  /** sha256 of the first 64 KiB of content: the file's identity for resuming and de-duplication. */
  identity: string;
  /** The first lines, for format detection. */
  sample: string[];
  /** About how many lines the file holds (from its size and the length of its first lines). */
  estimatedLines: number;
  /** Batches of lines; `bytesRead()` tells how far into the file on disk the reader is. */
  batches(): AsyncGenerator<Line[]>;
  bytesRead(): number;
}

async function readHead(path: string, gzip: boolean): Promise<Buffer> {
  const stream = createReadStream(path, { end: gzip ? undefined : IDENTITY_BYTES - 1 });
  const source = gzip ? stream.pipe(createGunzip()) : stream;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= IDENTITY_BYTES) break;
    }
  } catch {
    // a truncated or corrupt gzip: the head is what could be read; the full read reports the error
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).subarray(0, IDENTITY_BYTES);
}

function stripCr(text: string): string {
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}

export async function openLineSource(path: string): Promise<LineSource> {
  const info = await stat(path);
  if (!info.isFile()) throw new Error(`${path}: not a regular file`);
  const handle = await open(path, 'r');
  const magic = Buffer.alloc(2);
  await handle.read(magic, 0, 2, 0);
  const gzip = magic[0] === 0x1f && magic[1] === 0x8b;
  // gzip's trailer holds the uncompressed size (modulo 4 GiB): enough for an estimate
  const trailer = Buffer.alloc(4);
  if (gzip && info.size >= 4) await handle.read(trailer, 0, 4, info.size - 4);
  await handle.close();
  const contentBytes = gzip ? Math.max(trailer.readUInt32LE(0), info.size) : info.size;
  const head = await readHead(path, gzip);
  const identity = createHash('sha256').update(head).digest('hex');
  const sample = head.toString('utf8').split('\n').slice(0, 64).map(stripCr);
  if (head.length === IDENTITY_BYTES) sample.pop(); // the last line of the head may be cut short
  const sampleBytes = sample.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
  const estimatedLines = sampleBytes === 0 ? 0 : Math.round((contentBytes * sample.length) / sampleBytes);
  let fileBytes = 0;

  async function* batches(): AsyncGenerator<Line[]> {
    const stream = createReadStream(path, { highWaterMark: 1024 * 1024 });
    stream.on('data', (chunk) => {
      fileBytes += chunk.length;
    });
    const source: AsyncIterable<Buffer> = gzip ? stream.pipe(createGunzip({ chunkSize: 1024 * 1024 })) : stream;
    let carry: Buffer[] = [];
    let carryBytes = 0;
    let truncated = false;
    let no = 0;
    try {
      for await (const chunk of source) {
        const out: Line[] = [];
        let start = 0;
        for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
          let text: string;
          if (carry.length > 0) {
            if (!truncated) {
              const room = MAX_LINE_BYTES - carryBytes;
              carry.push(chunk.subarray(start, Math.min(nl, start + room)));
              truncated = nl - start > room;
            }
            text = Buffer.concat(carry).toString('utf8');
            carry = [];
            carryBytes = 0;
          } else {
            const end = Math.min(nl, start + MAX_LINE_BYTES);
            truncated = end < nl;
            text = chunk.toString('utf8', start, end);
          }
          out.push({ no: ++no, text: stripCr(text), truncated });
          truncated = false;
          start = nl + 1;
        }
        if (start < chunk.length && !truncated) {
          const rest = chunk.subarray(start, start + Math.max(0, MAX_LINE_BYTES - carryBytes));
          carry.push(Buffer.from(rest));
          carryBytes += rest.length;
          if (carryBytes >= MAX_LINE_BYTES || rest.length < chunk.length - start) truncated = true;
        }
        if (out.length > 0) yield out;
      }
      if (carry.length > 0) yield [{ no: ++no, text: stripCr(Buffer.concat(carry).toString('utf8')), truncated }];
    } finally {
      stream.destroy();
    }
  }

  return { path, gzip, size: info.size, identity, sample, estimatedLines, batches, bytesRead: () => fileBytes };
}
