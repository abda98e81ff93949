import type { Express } from 'express';
import mongoose from 'mongoose';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { loadTokens } from '../auth/tokens.js';
import { config } from '../config.js';
import { checkHealth } from '../health.js';
import { createEngine, type Engine } from '../engine.js';
import { seedExampleJourneys } from '../journeys/seed.js';
import { connectMonitoredStore } from '../metrics/store-commands.js';
import { loadCustomSteps } from '../steps/registry.js';
import {
  dataDir,
  ensureDir,
  killManagedProcesses,
  managedStatuses,
  repoRoot,
  startServices,
  type Services,
} from '../services/index.js';

/** How long Ctrl-C may take to stop everything cleanly before children are killed and the process exits. */
const SHUTDOWN_DEADLINE_MS = 8_000;

/**
 * `npm start`: embedded services (each one whose address is not set), then the API (and the designer
 * build) on PORT, with the journey worker in the same process unless `worker` is false (`waymark
 * api`, next to `waymark worker` processes); Ctrl-C stops everything. Dev mode (NODE_ENV is not
 * production) binds 127.0.0.1 unless HOST says otherwise, and hands the admin token to loopback
 * clients at /api/session when it was generated.
 */
export async function start({ worker = true }: { worker?: boolean } = {}): Promise<void> {
  const started = Date.now();
  const settings = config();
  const { port, devMode, host } = settings;
  const dir = ensureDir(dataDir());
  const say = (message: string) => process.stdout.write(`waymark: ${message}\n`);

  let services: Services | undefined;
  let server: Server | undefined;
  let engine: Engine | undefined;
  const shutdown = once(async (signal: string) => {
    say(`${signal}: stopping...`);
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await engine?.stop();
    await mongoose.disconnect();
    await services?.stop();
    // Still starting: whatever child has been spawned so far.
    if (!services) killManagedProcesses();
    say('stopped');
  });
  exitOnSignals(shutdown, say);

  const given = [
    ['TEMPORAL_ADDRESS', settings.temporalAddress],
    ['MONGODB_URI', settings.mongodbUri],
    ['SMTP_URL', settings.smtpUrl],
  ].filter(([, value]) => value);
  say(
    given.length === 3
      ? `using the services at ${given.map(([name]) => name).join(', ')} (data in ${dir})...`
      : `starting embedded services (data in ${dir}, logs in ${join(dir, 'logs')})...`,
  );
  services = await startServices({ config: settings, storeDir: dir, durable: true, ui: true, progress: say });
  try {
    await connectMonitoredStore(services.mongo.uri);
    const tokens = loadTokens(dir, settings.tokens);
    const { uri: mongoUri, source: storeKind } = services.mongo;
    const { temporal, mail } = services;
    engine = await createEngine({
      temporalAddress: temporal.address,
      taskQueue: settings.taskQueue,
      // Email goes to the embedded MailDev unless SMTP_URL names a server.
      channels: { ...settings.channels, email: { provider: 'smtp', config: { smtpUrl: mail.smtpUrl } } },
      emailFrom: settings.emailFrom,
      publicUrl: settings.publicUrl,
      tokens,
      devSession: devMode && tokens.adminTokenGenerated,
      ...temporalUiUrl(services),
      steps: await loadCustomSteps(settings.steps),
      health: () =>
        checkHealth({
          temporalAddress: temporal.address,
          store: mongoose.connection,
          storeUri: mongoUri,
          storeKind,
          smtpUrl: mail.smtpUrl,
          services: managedStatuses,
        }),
      designerDir: join(repoRoot, 'designer', 'dist'),
      worker,
      retention: settings.retention,
    });
    const seeded = await seedExampleJourneys();
    if (seeded) say(`seeded ${seeded} example journeys (drafts)`);
    server = await listen(engine.app, port, host);
    printTable(services, port, tokens.generated ? tokens : undefined);
    say(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s; press Ctrl-C to stop`);
  } catch (error) {
    await shutdown('startup failure');
    throw error;
  }
}

/**
 * SIGINT/SIGTERM stop cleanly, in any state (still starting, store down): past SHUTDOWN_DEADLINE_MS,
 * or at a second signal, every child is killed and the process exits at once.
 */
function exitOnSignals(shutdown: (signal: string) => Promise<void>, say: (message: string) => void): void {
  let signalled = false;
  const forceExit = (why: string) => {
    say(`${why}: killing the embedded services and exiting`);
    killManagedProcesses();
    process.exit(130);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (signalled) return forceExit(`second ${signal}`);
      signalled = true;
      setTimeout(() => forceExit(`not stopped within ${SHUTDOWN_DEADLINE_MS / 1000} s`), SHUTDOWN_DEADLINE_MS).unref();
      void shutdown(signal).then(
        () => process.exit(0),
        (error: unknown) => {
          say(`stopping failed: ${(error as Error).message}`);
          forceExit('stop failed');
        },
      );
    });
  }
}

function listen(app: Express, port: number, host: string | undefined): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = host ? app.listen(port, host, () => resolve(server)) : app.listen(port, () => resolve(server));
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE' ? new Error(`port ${port} is in use: stop what runs there or set PORT`) : error,
      ),
    );
  });
}

function printTable(services: Services, port: number, tokens?: { adminToken: string; writeKey: string }): void {
  const rows: [string, string][] = [
    ['Designer + API', `http://localhost:${port}`],
    ['Health', `http://localhost:${port}/health`],
    [
      'Temporal UI',
      temporalUiUrl(services).temporalUiUrl ?? `(external: ${services.temporal.address}; set WAYMARK_TEMPORAL_UI_URL)`,
    ],
    ['Temporal gRPC', services.temporal.address],
    ['Mail inbox', services.mail.inboxUrl ?? `(external SMTP: ${services.mail.smtpUrl})`],
    ['MongoDB', `${services.mongo.uri} (${services.mongo.source})`],
  ];
  if (tokens) rows.push(['Admin token', tokens.adminToken], ['Write key', tokens.writeKey]);
  const width = Math.max(...rows.map(([name]) => name.length));
  process.stdout.write('\n' + rows.map(([name, url]) => `  ${name.padEnd(width)}  ${url}`).join('\n') + '\n\n');
}

/** Where the designer links workflows: WAYMARK_TEMPORAL_UI_URL, else the embedded UI. */
function temporalUiUrl(services: Services): { temporalUiUrl?: string } {
  const url = config().temporalUiUrl ?? services.temporal.uiUrl;
  return url ? { temporalUiUrl: url.replace(/\/+$/, '') } : {};
}

/** Runs `fn` at most once; later calls get the first call's promise. */
function once<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  let running: Promise<void> | undefined;
  return (...args) => (running ??= fn(...args));
}
