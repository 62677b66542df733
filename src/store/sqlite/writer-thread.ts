// A writer thread for bulk loads: the ingest thread reads, parses and detects while this thread commits the previous
// batch on a connection of its own (SQLite's single writer; WAL readers are unaffected).
import { Worker } from 'node:worker_threads';
import type { AlertWriteResult } from '../store.ts';
import type { RowBatch } from './batch-writer.ts';

export type WriterRequest = { type: 'commit'; id: number; batch: RowBatch } | { type: 'close' };
export type WriterReply =
  | { type: 'ready' }
  | { type: 'committed'; id: number; result: AlertWriteResult }
  | { type: 'failed'; id: number; message: string }
  | { type: 'closed' };

export interface WriterThread {
  /** Resolves once the batch is committed; rejects with the writer's error (the batch then left nothing behind). */
  commit(batch: RowBatch): Promise<AlertWriteResult>;
  /** Waits for the batches sent, then closes the thread's connection. */
  close(): Promise<void>;
}

export async function startWriterThread(file: string): Promise<WriterThread> {
  // The heap holds about one batch (at most 16 Mi characters of lines, see ingest.ts) with its JSON and columns.
  const worker = new Worker(new URL('./writer-thread-boot.mjs', import.meta.url), {
    workerData: { file },
    resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 16 },
  });
  const pending = new Map<number, { resolve: (r: AlertWriteResult) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let onClosed: (() => void) | undefined;
  let failure: Error | undefined;
  const failAll = (error: Error): void => {
    failure ??= error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  await new Promise<void>((resolve, reject) => {
    worker.on('message', (message: WriterReply) => {
      if (message.type === 'ready') resolve();
      else if (message.type === 'closed') onClosed?.();
      else {
        const p = pending.get(message.id);
        pending.delete(message.id);
        if (message.type === 'committed') p?.resolve(message.result);
        else p?.reject(new Error(`writer thread: ${message.message}`));
      }
    });
    worker.on('error', (error) => {
      failAll(error);
      reject(error);
    });
    worker.on('exit', (code) => {
      failAll(new Error(`writer thread exited (code ${code})`));
      onClosed?.();
      reject(new Error(`writer thread exited before it was ready (code ${code})`));
    });
  });
  return {
    commit(batch) {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ type: 'commit', id, batch } satisfies WriterRequest);
      });
    },
    async close() {
      if (failure) {
        await worker.terminate();
        return;
      }
      await new Promise<void>((resolve) => {
        onClosed = resolve;
        worker.postMessage({ type: 'close' } satisfies WriterRequest);
      });
    },
  };
}
