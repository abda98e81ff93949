export type DependencyName = 'temporal' | 'store' | 'smtp';

/** GET /health as the engine reports it (engine/src/health.ts). */
export interface HealthReport {
  status: 'ok' | 'degraded';
  dependencies: Record<DependencyName, { status: 'up' | 'down'; target: string; latencyMs: number; error?: string }>;
}

/** /health answers 503 with the same body when degraded; both are a report, not an error. */
export async function fetchHealth(doFetch: typeof fetch = globalThis.fetch.bind(globalThis), baseUrl = ''): Promise<HealthReport> {
  const response = await doFetch(`${baseUrl}/health`, { headers: { accept: 'application/json' } });
  if (response.status !== 200 && response.status !== 503) throw new Error(`/health answered ${response.status}`);
  return (await response.json()) as HealthReport;
}
