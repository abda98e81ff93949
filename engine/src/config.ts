import { channelSettingsFromEnv, type ChannelSettings } from '@waymark/channels';
import { TASK_QUEUE } from '@waymark/workflows/temporal';
import { Duration } from 'luxon';
import { z } from 'zod';

/**
 * The engine's configuration: every environment variable it reads (the README's configuration table, the
 * channel variables of channels/README.md), validated once. Commands read it through `config()`; tests and
 * anything given another environment call `loadConfig(env)`.
 */
export interface Config {
  /** NODE_ENV is not `production`: bind 127.0.0.1 unless HOST says otherwise, hand out a generated admin token. */
  devMode: boolean;
  /** HOST: the address the API binds; unset: 127.0.0.1 in dev mode, all interfaces in production. */
  host?: string;
  /** PORT: the API and the designer. */
  port: number;
  logLevel: LogLevel;
  /** Services given rather than embedded (`npm start` starts each one left out). */
  temporalAddress?: string;
  temporalCliPath?: string;
  mongodbUri?: string;
  embeddedStore?: 'postgresql' | 'sqlite';
  smtpUrl?: string;
  /** Ports of the embedded services. */
  ports: ServicePorts;
  /** WAYMARK_DATA_DIR and WAYMARK_BIN_DIR as given (services/paths.ts resolves them and their defaults). */
  dataDir?: string;
  binDir?: string;
  /** Configured tokens; the ones left out are generated once (auth/tokens.ts). */
  tokens: { adminToken?: string; writeKey?: string; trackingSecret?: string };
  /** Public base URL in tracking and unsubscribe links. */
  publicUrl: string;
  /** Sender of emails whose template has no `from`. */
  emailFrom: string;
  /** Modules with custom steps (WAYMARK_STEPS, comma-separated). */
  steps: string[];
  temporalUiUrl?: string;
  /** Bearer token `/metrics` asks for. */
  metricsToken?: string;
  /** `waymark worker`: port of its /metrics and /health (0: a free one). */
  metricsPort: number;
  /** host:port of the Temporal SDK's Prometheus exporter (unset: a free loopback port). */
  temporalMetricsAddress?: string;
  /** The task queue journeys run on: the API starts workflows there and workers poll it. */
  taskQueue: string;
  /** How long routed events and raw transitions are kept (ISO durations). */
  retention: { events: string; transitions: string };
  /** Providers configured by environment; a channel left out runs in sandbox mode. */
  channels: ChannelSettings;
}

export interface ServicePorts {
  temporal: number;
  temporalUi: number;
  mongo: number;
  smtp: number;
  mailUi: number;
}

export const DEFAULT_EMAIL_FROM = 'Waymark <noreply@waymark.local>';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
type LogLevel = (typeof logLevels)[number];

/** A bad value of one or more variables; the message names each with what it must be. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const text = z.string().optional();
/** A port; `min` 0 where 0 picks a free one. */
const port = (fallback: number, min = 1) => {
  const error = min === 0 ? 'must be a port number (0 picks a free one)' : 'must be a port number (1-65535)';
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(65_535, { error }).default(fallback);
};
const duration = (fallback: string) =>
  z
    .string()
    .refine((value) => Duration.fromISO(value).isValid && Duration.fromISO(value).as('days') >= 1, {
      error: 'must be an ISO-8601 duration of at least a day, such as P90D',
    })
    .default(fallback);
const url = z.url({ error: 'must be a URL' }).optional();

const variables = z.object({
  NODE_ENV: text,
  HOST: text,
  PORT: port(3000),
  LOG_LEVEL: z.enum(logLevels, { error: `must be one of ${logLevels.join(', ')}` }).optional(),
  /** Set by vitest: tests log warnings and errors only. */
  VITEST: text,
  TEMPORAL_ADDRESS: text,
  TEMPORAL_CLI_PATH: text,
  MONGODB_URI: text,
  WAYMARK_EMBEDDED_STORE: z.enum(['postgresql', 'sqlite'], { error: 'must be "postgresql" or "sqlite"' }).optional(),
  SMTP_URL: text,
  TEMPORAL_PORT: port(7233),
  TEMPORAL_UI_PORT: port(8233),
  MONGO_PORT: port(27017),
  SMTP_PORT: port(1025),
  MAIL_UI_PORT: port(1080),
  WAYMARK_DATA_DIR: text,
  WAYMARK_BIN_DIR: text,
  WAYMARK_ADMIN_TOKEN: text,
  WAYMARK_WRITE_KEY: text,
  WAYMARK_TRACKING_SECRET: text,
  WAYMARK_PUBLIC_URL: url,
  WAYMARK_EMAIL_FROM: z.string().default(DEFAULT_EMAIL_FROM),
  WAYMARK_STEPS: z.string().default(''),
  WAYMARK_TEMPORAL_UI_URL: url,
  WAYMARK_METRICS_TOKEN: text,
  WAYMARK_METRICS_PORT: port(0, 0),
  WAYMARK_TEMPORAL_METRICS_ADDRESS: z
    .string()
    .regex(/^\S+:\d{1,5}$/, { error: 'must be host:port' })
    .optional(),
  WAYMARK_TASK_QUEUE: z.string().default(TASK_QUEUE),
  WAYMARK_EVENT_RETENTION: duration('P180D'),
  WAYMARK_TRANSITION_RETENTION: duration('P30D'),
});

/** Validates `env` (an empty variable counts as unset); throws a ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = variables.safeParse(given);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      return `${name} ${issue.message}, got "${given[name]}"`;
    });
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  const v = parsed.data;
  const devMode = v.NODE_ENV !== 'production';
  return {
    devMode,
    host: v.HOST ?? (devMode ? '127.0.0.1' : undefined),
    port: v.PORT,
    logLevel: v.LOG_LEVEL ?? (v.VITEST ? 'warn' : 'info'),
    temporalAddress: v.TEMPORAL_ADDRESS,
    temporalCliPath: v.TEMPORAL_CLI_PATH,
    mongodbUri: v.MONGODB_URI,
    embeddedStore: v.WAYMARK_EMBEDDED_STORE,
    smtpUrl: v.SMTP_URL,
    dataDir: v.WAYMARK_DATA_DIR,
    binDir: v.WAYMARK_BIN_DIR,
    temporalUiUrl: v.WAYMARK_TEMPORAL_UI_URL?.replace(/\/+$/, ''),
    metricsToken: v.WAYMARK_METRICS_TOKEN,
    temporalMetricsAddress: v.WAYMARK_TEMPORAL_METRICS_ADDRESS,
    ports: {
      temporal: v.TEMPORAL_PORT,
      temporalUi: v.TEMPORAL_UI_PORT,
      mongo: v.MONGO_PORT,
      smtp: v.SMTP_PORT,
      mailUi: v.MAIL_UI_PORT,
    },
    tokens: {
      adminToken: v.WAYMARK_ADMIN_TOKEN,
      writeKey: v.WAYMARK_WRITE_KEY,
      trackingSecret: v.WAYMARK_TRACKING_SECRET,
    },
    publicUrl: v.WAYMARK_PUBLIC_URL ?? `http://localhost:${v.PORT}`,
    emailFrom: v.WAYMARK_EMAIL_FROM,
    steps: v.WAYMARK_STEPS.split(',')
      .map((spec) => spec.trim())
      .filter(Boolean),
    metricsPort: v.WAYMARK_METRICS_PORT,
    taskQueue: v.WAYMARK_TASK_QUEUE,
    retention: { events: v.WAYMARK_EVENT_RETENTION, transitions: v.WAYMARK_TRANSITION_RETENTION },
    channels: channelSettingsFromEnv(given),
  };
}

let loaded: Config | undefined;

/** This process's configuration, read from its environment the first time it is asked for. */
export function config(): Config {
  return (loaded ??= loadConfig());
}
