import getPort from 'get-port';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startServices, type Services } from '../src/services/index.js';

export interface SharedServices {
  temporalAddress: string;
  temporalSource: string;
  mongoUri: string;
  mongoSource: string;
  smtpUrl: string;
  inboxUrl?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    services: SharedServices;
  }
}

let services: Services | undefined;
let storeDir: string | undefined;

/** One Temporal, one store and one SMTP sink per test run, on free ports in a temp dir (or the ones given by env). */
export async function setup(project: TestProject): Promise<void> {
  storeDir = mkdtempSync(join(tmpdir(), 'waymark-test-'));
  const ports = { temporal: await getPort(), temporalUi: await getPort(), mongo: await getPort(), smtp: await getPort(), mailUi: await getPort() };
  services = await startServices({ ports, storeDir, durable: false, ui: false, database: 'waymark-test', progress: (m) => console.log(`[services] ${m}`) });
  project.provide('services', {
    temporalAddress: services.temporal.address,
    temporalSource: services.temporal.source,
    mongoUri: services.mongo.uri,
    mongoSource: services.mongo.source,
    smtpUrl: services.mail.smtpUrl,
    ...(services.mail.inboxUrl ? { inboxUrl: services.mail.inboxUrl } : {}),
  });
}

export async function teardown(): Promise<void> {
  await services?.stop();
  if (storeDir) rmSync(storeDir, { recursive: true, force: true });
}
