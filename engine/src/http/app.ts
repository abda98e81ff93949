import express, { type Express, type Router } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { HealthReport } from '../health.js';
import { errorHandler, notFound } from './errors.js';

export interface AppOptions {
  health: () => Promise<HealthReport>;
  /** Routers mounted by path, e.g. `/v1` ingestion and `/api` management. */
  routes?: Record<string, Router>;
  /** The designer's production build; served with a single-page fallback when present. */
  designerDir?: string;
}

export function createApp({ health, routes = {}, designerDir }: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');

  app.get('/health', async (_req, res) => {
    const report = await health();
    res.status(report.status === 'ok' ? 200 : 503).json(report);
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
