import express, { type Express, type Router } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { HealthReport } from '../health.js';
import { hasAdminToken } from './auth.js';
import { errorHandler, notFound } from './errors.js';
import { noQuery } from './validate.js';

export interface AppOptions {
  health: () => Promise<HealthReport>;
  /** Shows /health's details (dependencies, addresses, services) to requests with it; others get the status alone. */
  adminToken?: string;
  /** Routers mounted by path, e.g. `/v1` ingestion and `/api` management. */
  routes?: Record<string, Router>;
  /** The designer's production build; served with a single-page fallback when present. */
  designerDir?: string;
}

export function createApp({ health, adminToken, routes = {}, designerDir }: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');

  app.get('/health', noQuery, async (req, res) => {
    const report = await health();
    const admin = adminToken !== undefined && hasAdminToken(req.headers.authorization, adminToken);
    res.status(report.status === 'ok' ? 200 : 503).json(admin ? report : { status: report.status });
  });

  for (const [path, router] of Object.entries(routes)) app.use(path, router);
  app.use(['/api', '/v1'], notFound);

  if (designerDir && existsSync(join(designerDir, 'index.html'))) {
    app.use(express.static(designerDir, { index: false }));
    app.get('/{*path}', (_req, res) => res.sendFile(join(designerDir, 'index.html')));
  }
  app.use(notFound);
  app.use(errorHandler);
  return app;
}
