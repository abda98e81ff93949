import { Client, Connection } from '@temporalio/client';
import getPort from 'get-port';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { pollUntil } from '../../src/services/wait.js';
import { emailJourney, isolatedMongoUri, shared } from '../helpers.js';
import { spawnWaymark } from './worker-processes.js';

/** Direct children of a process, as `ps` lists them. */
const childrenOf = (pid: number) =>
  execFileSync('ps', ['-eo', 'ppid=,args='])
    .toString()
    .split('\n')
    .filter((line) => line.trim().split(/\s+/)[0] === String(pid));

describe('waymark api (production services given by address)', () => {
  it('starts no embedded service, runs no worker, serves the Temporal UI URL and a token-protected /metrics, and starts journeys on WAYMARK_TASK_QUEUE', async () => {
    const port = await getPort();
    const api = spawnWaymark('api', {
      PORT: String(port),
      NODE_ENV: 'production',
      TEMPORAL_ADDRESS: shared().temporalAddress,
      MONGODB_URI: isolatedMongoUri('api-mode'),
      SMTP_URL: shared().smtpUrl,
      WAYMARK_ADMIN_TOKEN: 'admin-api-mode',
      WAYMARK_WRITE_KEY: 'write-api-mode',
      WAYMARK_TEMPORAL_UI_URL: 'https://temporal.example.com/',
      WAYMARK_METRICS_TOKEN: 'scrape-api-mode',
      WAYMARK_TASK_QUEUE: 'api-mode-journeys',
    });
    try {
      await pollUntil(
        'the ready line',
        async () => {
          if (api.child.exitCode !== null) throw new Error(`waymark api exited: ${api.output()}`);
          return api.output().includes('ready in') ? true : undefined;
        },
        { timeoutMs: 60_000 },
      );
      const table = api.output();
      expect(table).toContain('using the services at TEMPORAL_ADDRESS, MONGODB_URI, SMTP_URL');
      expect(table).toContain('Temporal UI     https://temporal.example.com');
      expect(table).toContain(`Temporal gRPC   ${shared().temporalAddress}`);
      expect(table).toContain('(external SMTP');
      expect(table).toContain('(MONGODB_URI)');
      expect(table).not.toContain('Admin token');
      expect(childrenOf(api.child.pid!)).toEqual([]);

      const base = `http://127.0.0.1:${port}`;
      // Not dev mode: no token handed out, but the designer learns where the Temporal UI is.
      expect(await (await fetch(`${base}/api/session`)).json()).toEqual({
        temporalUiUrl: 'https://temporal.example.com',
      });
      expect((await fetch(`${base}/metrics`)).status).toBe(401);
      const metrics = await (
        await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer scrape-api-mode' } })
      ).text();
      expect(metrics).toContain('# TYPE waymark_events_ingested_total counter');
      // No worker in this process: nobody polls the journeys' task queue on its behalf.
      expect(metrics).not.toMatch(/^temporal_worker_task_slots_available/m);

      // Entries start on the queue `waymark worker`s with the same WAYMARK_TASK_QUEUE poll.
      const admin = { authorization: 'Bearer admin-api-mode', 'content-type': 'application/json' };
      const created = await fetch(`${base}/api/journeys`, {
        method: 'POST',
        headers: admin,
        body: JSON.stringify(emailJourney('api_mode_go', { reentry: 'never' })),
      });
      const { id } = (await created.json()) as { id: string };
      expect((await fetch(`${base}/api/journeys/${id}/publish`, { method: 'POST', headers: admin })).status).toBe(200);
      const tracked = await fetch(`${base}/v1/track`, {
        method: 'POST',
        headers: { authorization: 'Bearer write-api-mode', 'content-type': 'application/json' },
        body: JSON.stringify({ userId: 'queue-user', event: 'api_mode_go' }),
      });
      expect(tracked.status).toBe(200);
      const connection = await Connection.connect({ address: shared().temporalAddress });
      try {
        const handle = new Client({ connection }).workflow.getHandle(`journey:${id}:queue-user`);
        const started = await pollUntil('the entry workflow', () => handle.describe().catch(() => undefined));
        expect(started.taskQueue).toBe('api-mode-journeys');
        await handle.terminate('test over');
        // The SDK's own metrics come along: the start the router made through its client.
        const after = await (
          await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer scrape-api-mode' } })
        ).text();
        expect(after).toMatch(/^temporal_request_total\{[^}]*operation="StartWorkflowExecution"[^}]*\} [1-9]/m);
        expect(after).not.toMatch(/^temporal_worker_task_slots_available/m);
      } finally {
        await connection.close();
      }
    } finally {
      api.child.kill('SIGTERM');
      await api.exited;
    }
  }, 90_000);
});
