import { join } from 'node:path';
import type { Progress } from './binaries.js';
import { startMail, type MailService } from './mail.js';
import { startMongo, type MongoService } from './mongo.js';
import { stopLeftovers } from './pid-files.js';
import { startTemporal, type TemporalService } from './temporal.js';

export { ServiceStartError } from './errors.js';
export { killManagedProcesses, managedStatuses, type ProcessStatus } from './managed-process.js';
export { dataDir, binDir, ensureDir, repoRoot } from './paths.js';
export type { MailService, MongoService, TemporalService, Progress };

export interface ServicePorts {
  temporal: number;
  temporalUi: number;
  mongo: number;
  smtp: number;
  mailUi: number;
}

/** Ports of docs/architecture.md#embedded-services, each overridable by its env variable. */
export function portsFromEnv(env: NodeJS.ProcessEnv = process.env): ServicePorts {
  const port = (name: string, fallback: number): number => {
    const value = env[name];
    if (value === undefined || value === '') return fallback;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 1 || parsed > 65_535)
      throw new Error(`${name} must be a port number (1-65535), got "${value}"`);
    return parsed;
  };
  return {
    temporal: port('TEMPORAL_PORT', 7233),
    temporalUi: port('TEMPORAL_UI_PORT', 8233),
    mongo: port('MONGO_PORT', 27017),
    smtp: port('SMTP_PORT', 1025),
    mailUi: port('MAIL_UI_PORT', 1080),
  };
}

export interface ServicesOptions {
  ports: ServicePorts;
  /** Where the embedded services keep their data. */
  storeDir: string;
  /** Keep Temporal state on disk (npm start) rather than in memory (tests). */
  durable: boolean;
  /** Serve the Temporal Web UI. */
  ui: boolean;
  database?: string;
  progress?: Progress;
  /** Dev-server dynamic config (tests lower limits, e.g. when continue-as-new is suggested). */
  temporalDynamicConfig?: Record<string, string | number>;
}

export interface Services {
  temporal: TemporalService;
  mongo: MongoService;
  mail: MailService;
  /** Stops what was started here (external services are left alone), in reverse order. */
  stop(): Promise<void>;
}

/**
 * Starts (or connects to) Temporal, the store and the SMTP sink; on failure stops whatever had started.
 * First stops what an engine killed with -9 left running in this data dir (pid files), so the ports are free.
 */
export async function startServices(options: ServicesOptions): Promise<Services> {
  const progress = options.progress ?? (() => {});
  for (const leftover of await stopLeftovers())
    progress(`stopped ${leftover}, left running by an engine that did not stop cleanly`);
  const started: { stop(): Promise<void> }[] = [];
  const stopAll = async (): Promise<void> => {
    for (const service of started.reverse()) await service.stop();
  };
  try {
    const mail = await startMail({
      smtpPort: options.ports.smtp,
      uiPort: options.ports.mailUi,
      storeDir: options.storeDir,
    });
    started.push(mail);
    const mongo = await startMongo({
      port: options.ports.mongo,
      storeDir: options.storeDir,
      database: options.database ?? 'waymark',
      durable: options.durable,
      progress,
    });
    started.push(mongo);
    const temporal = await startTemporal({
      port: options.ports.temporal,
      uiPort: options.ports.temporalUi,
      ui: options.ui,
      ...(options.durable ? { dbFile: join(options.storeDir, 'temporal.sqlite') } : {}),
      ...(options.temporalDynamicConfig ? { dynamicConfig: options.temporalDynamicConfig } : {}),
      progress,
    });
    started.push(temporal);
    return { temporal, mongo, mail, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
