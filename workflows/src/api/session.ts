import { z } from 'zod';

/** `GET /api/session`: in dev mode the generated admin token, so the designer logs in by itself. */
export const sessionInfo = z.object({
  adminToken: z.string().optional(),
  /** Where the Temporal Web UI runs (`WAYMARK_TEMPORAL_UI_URL`, else the embedded UI). */
  temporalUiUrl: z.string().optional(),
});

export const dependencyNames = ['temporal', 'store', 'smtp'] as const;
const dependencyHealth = z.object({
  status: z.enum(['up', 'down']),
  target: z.string(),
  latencyMs: z.number(),
  /** What serves it, where known (the store: `FerretDB on PostgreSQL`, `MONGODB_URI`, ...). */
  kind: z.string().optional(),
  error: z.string().optional(),
});

/** `GET /health`: the status alone, or with the admin token each dependency and the embedded services. */
export const healthReport = z.object({
  status: z.enum(['ok', 'degraded']),
  dependencies: z.record(z.enum(dependencyNames), dependencyHealth).optional(),
  /** The embedded services this engine runs; one that died shows `restarting` while it waits for its restart. */
  services: z
    .array(
      z.object({
        name: z.string(),
        state: z.enum(['running', 'restarting', 'stopped']),
        restarts: z.int().min(0),
        /** How the last run ended, e.g. `signal SIGKILL`. */
        lastExit: z.string().optional(),
      }),
    )
    .optional(),
});

export type SessionInfo = z.infer<typeof sessionInfo>;
export type HealthReport = z.infer<typeof healthReport>;
export type DependencyName = (typeof dependencyNames)[number];
