import { Router } from 'express';
import { config } from '../config.js';
import { requireMetricsToken } from '../http/auth.js';
import { registry } from './registry.js';
import { temporalMetricsText } from './temporal-telemetry.js';

/** `GET /metrics`: this process's metrics and its Temporal worker's, in Prometheus text; behind the token when one is set. */
export function metricsRoutes(token = config().metricsToken): Router {
  const router = Router();
  if (token) router.use(requireMetricsToken(token));
  router.get('/', async (_req, res) => {
    const [own, temporal] = await Promise.all([registry.metrics(), temporalMetricsText()]);
    res.type(registry.contentType).send(own + temporal);
  });
  return router;
}
