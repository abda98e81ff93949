#!/usr/bin/env node
import { config, ConfigError } from './config.js';

const commands: Record<string, { run: () => Promise<void>; help: string }> = {
  start: {
    run: async () => (await import('./commands/start.js')).start(),
    help: 'start embedded services, the API, the designer and a journey worker',
  },
  api: {
    run: async () => (await import('./commands/start.js')).start({ worker: false }),
    help: 'the same without the journey worker (run `waymark worker` processes beside it)',
  },
  worker: {
    run: async () => (await import('./commands/worker.js')).worker(),
    help: 'run a journey worker alone (TEMPORAL_ADDRESS, MONGODB_URI)',
  },
  prepare: {
    run: async () => (await import('./commands/prepare.js')).prepare(),
    help: 'build the cached Temporal CLI, FerretDB and time-skipping test server',
  },
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
// A bad variable stops every command before anything starts; the commands are loaded after it is read
// (their modules read the configuration as they load, the logger its level).
try {
  config();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`waymark ${name}: ${error.message}\n`);
  process.exit(2);
}
command.run().catch((error: unknown) => {
  process.stderr.write(`waymark ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
