// MD5, SHA-1 and SHA-256 computed together in one pass over a buffer, a stream or a file.
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export interface FileHashes {
  md5: string;
  sha1: string;
  sha256: string;
}

/** Feeds every chunk to the three digests at once. */
export class MultiHasher {
  private readonly md5: Hash = createHash('md5');
  private readonly sha1: Hash = createHash('sha1');
  private readonly sha256: Hash = createHash('sha256');
  private size = 0;

  update(chunk: Uint8Array): this {
    this.md5.update(chunk);
    this.sha1.update(chunk);
    this.sha256.update(chunk);
    this.size += chunk.length;
    return this;
  }

  get bytesHashed(): number {
    return this.size;
  }

  digest(): FileHashes {
    return { md5: this.md5.digest('hex'), sha1: this.sha1.digest('hex'), sha256: this.sha256.digest('hex') };
  }
}

export function hashBytes(bytes: Uint8Array): FileHashes {
  return new MultiHasher().update(bytes).digest();
}

export async function hashStream(stream: AsyncIterable<Uint8Array | string>): Promise<FileHashes & { size: number }> {
  const h = new MultiHasher();
  for await (const chunk of stream) h.update(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return { ...h.digest(), size: h.bytesHashed };
}

export function hashFile(path: string): Promise<FileHashes & { size: number }> {
  return hashStream(createReadStream(path, { highWaterMark: 1 << 20 }));
}
