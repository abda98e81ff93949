import type { HealthReport } from '@waymark/workflows/api';
import { fetchWithTimeout } from './client';

const HEALTH_TIMEOUT_MS = 8_000;

/**
 * /health answers 503 with the same body when degraded; both are a report, not an error. A hanging engine
 * is unreachable. With the admin token the report names each dependency.
 */
export async function fetchHealth(
  doFetch: typeof fetch = globalThis.fetch.bind(globalThis),
  baseUrl = '',
  timeoutMs = HEALTH_TIMEOUT_MS,
  token?: string,
): Promise<HealthReport> {
  const response = await fetchWithTimeout(
    doFetch,
    `${baseUrl}/health`,
    { headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } },
    timeoutMs,
  );
  if (response.status !== 200 && response.status !== 503) throw new Error(`/health answered ${response.status}`);
  return (await response.json()) as HealthReport;
}
