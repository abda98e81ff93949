import { join } from 'node:path';
import type { Config } from '../config.js';
import type { Progress } from './binaries.js';
import { startMail, type MailService } from './mail.js';
import { startMongo, type MongoService } from './mongo.js';
import { stopLeftovers } from './pid-files.js';
import { startTemporal, type TemporalService } from './temporal.js';

export { ServiceStartError } from './errors.js';
export { killManagedProcesses, managedStatuses, type ProcessStatus } from './managed-process.js';
export { dataDir, binDir, ensureDir, repoRoot } from './paths.js';
export type { MailService, MongoService, TemporalService, Progress };

/** What the configuration says about the services: the ones given, the ports of the embedded ones. */
export type ServicesConfig = Pick<
  Config,
  'ports' | 'temporalAddress' | 'temporalCliPath' | 'mongodbUri' | 'embeddedStore' | 'smtpUrl'
>;

export interface ServicesOptions {
  config: ServicesConfig;
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
    const { config } = options;
    const mail = await startMail({
      smtpUrl: config.smtpUrl,
      smtpPort: config.ports.smtp,
      uiPort: config.ports.mailUi,
      storeDir: options.storeDir,
    });
    started.push(mail);
    const mongo = await startMongo({
      uri: config.mongodbUri,
      backend: config.embeddedStore,
      port: config.ports.mongo,
      storeDir: options.storeDir,
      database: options.database ?? 'waymark',
      durable: options.durable,
      progress,
    });
    started.push(mongo);
    const temporal = await startTemporal({
      address: config.temporalAddress,
      cliPath: config.temporalCliPath,
      port: config.ports.temporal,
      uiPort: config.ports.temporalUi,
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
