// Runs one ingest in its own process so the benchmark can report that process's peak memory.
import { ingestFile } from '../src/events/ingest.ts';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.ts';

const [dbPath, logPath] = process.argv.slice(2);
if (!dbPath || !logPath) {
  process.stderr.write('usage: ingest-child DB LOG\n');
  process.exit(2);
}
const store = await openSqliteStore(dbPath);
const summary = await ingestFile(store, logPath, { format: 'auto' });
await store.close();
process.stdout.write(`${JSON.stringify({ summary, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
