import express from 'express';
import type { Server } from 'node:http';
import { errorHandler, notFound } from '../http/errors.js';
import { metricsRoutes } from './routes.js';

export interface WorkerEndpoints {
  url: string;
  close(): Promise<void>;
}

/**
 * A `waymark worker`'s HTTP side, for Prometheus and container healthchecks: `/metrics`, and
 * `/health` answering 200 while the worker polls its task queue (503 otherwise).
 */
export async function serveWorkerEndpoints(port: number, workerState: () => string): Promise<WorkerEndpoints> {
  const app = express();
  app.disable('x-powered-by');
  app.get('/health', (_req, res) => {
    const state = workerState();
    res.status(state === 'RUNNING' ? 200 : 503).json({ status: state === 'RUNNING' ? 'ok' : 'down', worker: state });
  });
  app.use('/metrics', metricsRoutes());
  app.use(notFound);
  app.use(errorHandler);
  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(port, () => resolve(listening));
    listening.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`port ${port} is in use: set WAYMARK_METRICS_PORT to a free port (0 picks one)`)
          : error,
      ),
    );
  });
  const { port: bound } = server.address() as { port: number };
  return { url: `http://localhost:${bound}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
