// Entry point of the `watchfloor` command: runs the program and sets the exit code.
import { main } from './program.ts';

process.exitCode = await main(process.argv);
