// The writer thread's entry in plain JavaScript: it loads the TypeScript entry through tsx's API, so the thread starts
// the same whether the process runs under the tsx command, `node --import tsx`, or the test runner.
import { tsImport } from 'tsx/esm/api';

await tsImport('./writer-thread-main.ts', import.meta.url);
