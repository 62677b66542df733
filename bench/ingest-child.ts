// Runs one ingest in its own process so the benchmark can report that process's peak memory.
import { loadDetector } from '../src/detect/detector.ts';
import { ingestFile } from '../src/events/ingest.ts';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.ts';

const [dbPath, logPath, mode] = process.argv.slice(2);
if (!dbPath || !logPath) {
  process.stderr.write('usage: ingest-child DB LOG [--detect]\n');
  process.exit(2);
}
const store = await openSqliteStore(dbPath);
const detector = mode === '--detect' ? loadDetector() : undefined;
const summary = await ingestFile(store, logPath, { format: 'auto', detect: detector && ((events) => detector.detect(events)) });
await store.close();
process.stdout.write(`${JSON.stringify({ summary, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
