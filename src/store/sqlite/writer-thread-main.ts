// Entry of the writer thread: its own connection to the store's file, committing the batches the ingest thread sends.
import { parentPort, workerData } from 'node:worker_threads';
import { createBatchWriter } from './batch-writer.ts';
import { openConnection } from './connection.ts';
import type { WriterReply, WriterRequest } from './writer-thread.ts';

const port = parentPort;
if (!port) throw new Error('writer-thread-main runs as a worker thread');
// Appending rows touches few pages: a small cache keeps the load's memory down at no cost in speed.
const sqlite = openConnection((workerData as { file: string }).file, 16);
const writer = createBatchWriter(sqlite);
const reply = (message: WriterReply): void => port.postMessage(message);
/** Set by a failed commit: later batches are refused, so the lines a failed batch held are never marked done. */
let failure: string | undefined;

port.on('message', (message: WriterRequest) => {
  if (message.type === 'close') {
    sqlite.close();
    reply({ type: 'closed' });
    port.close();
    return;
  }
  if (failure !== undefined) {
    reply({ type: 'failed', id: message.id, message: `not written: an earlier batch failed (${failure})` });
    return;
  }
  try {
    reply({ type: 'committed', id: message.id, result: writer.commit(message.batch) });
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
    reply({ type: 'failed', id: message.id, message: failure });
  }
});
reply({ type: 'ready' });
