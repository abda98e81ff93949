import getPort from 'get-port';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { config } from '../src/config.js';
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

/** History length at which the test server suggests continue-as-new (the server default is thousands). */
export const CONTINUE_AS_NEW_SUGGESTED_AT = 200;

let services: Services | undefined;
let storeDir: string | undefined;

/** One Temporal, one store and one SMTP sink per test run, on free ports in a temp dir (or the ones configured). */
export async function setup(project: TestProject): Promise<void> {
  storeDir = mkdtempSync(join(tmpdir(), 'waymark-test-'));
  const ports = {
    temporal: await getPort(),
    temporalUi: await getPort(),
    mongo: await getPort(),
    smtp: await getPort(),
    mailUi: await getPort(),
  };
  services = await startServices({
    config: { ...config(), ports },
    storeDir,
    durable: false,
    ui: false,
    database: 'waymark-test',
    // Long-running journeys continue as new when Temporal suggests it; suggest it early so tests see it.
    temporalDynamicConfig: { 'limit.historyCount.suggestContinueAsNew': CONTINUE_AS_NEW_SUGGESTED_AT },
    progress: (m) => console.log(`[services] ${m}`),
  });
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
