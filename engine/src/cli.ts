#!/usr/bin/env node
import { prepare } from './commands/prepare.js';
import { start } from './commands/start.js';
import { worker } from './commands/worker.js';

const commands: Record<string, { run: () => Promise<void>; help: string }> = {
  start: { run: () => start(), help: 'start embedded services, the API, the designer and a journey worker' },
  api: {
    run: () => start({ worker: false }),
    help: 'the same without the journey worker (run `waymark worker` processes beside it)',
  },
  worker: { run: worker, help: 'run a journey worker alone (TEMPORAL_ADDRESS, MONGODB_URI)' },
  prepare: { run: prepare, help: 'build the cached Temporal CLI, FerretDB and time-skipping test server' },
};

const name = process.argv[2] ?? 'start';
const command = commands[name];
if (!command) {
  process.stderr.write(
    `usage: waymark <command>\n${Object.entries(commands)
      .map(([n, c]) => `  ${n.padEnd(8)} ${c.help}`)
      .join('\n')}\n`,
  );
  process.exit(2);
}
command.run().catch((error: unknown) => {
  process.stderr.write(`waymark ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
