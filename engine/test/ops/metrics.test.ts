import express from 'express';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler } from '../../src/http/errors.js';
import { registry } from '../../src/metrics/registry.js';
import { metricsRoutes } from '../../src/metrics/routes.js';
import { MessageModel } from '../../src/models/index.js';
import { repoRoot } from '../../src/services/paths.js';
import { pollUntil } from '../../src/services/wait.js';
import { startHarness, type Harness } from '../engine-harness.js';
import { listen } from '../helpers-http.js';
import { sample } from './prometheus.js';

describe('GET /metrics', () => {
  let h: Harness;
  const scrape = async () => {
    const response = await fetch(`${h.app.base}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    return response.text();
  };

  beforeAll(async () => {
    h = await startHarness('metrics');
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('counts the events, entries and messages of real traffic, with routing, send and store latency and the Temporal worker metrics', async () => {
    const { body } = await h.api<{ id: string }>('POST', '/api/journeys', {
      name: 'Metrics',
      graph: {
        nodes: [
          { id: 't', type: 'trigger', data: { kind: 'event', event: 'metrics_go' } },
          { id: 'm', type: 'message', data: { channel: 'email', template: { subject: 'Counted', text: 'hello' } } },
          { id: 'x', type: 'exit', data: {} },
        ],
        edges: [
          { source: 't', target: 'm' },
          { source: 'm', target: 'x' },
        ],
      },
    });
    expect((await h.api('POST', `/api/journeys/${body.id}/publish`)).status).toBe(200);
    const before = await scrape();

    const users = ['a', 'b', 'c'].map((n) => `metrics-${n}-${randomUUID().slice(0, 6)}`);
    for (const user of users) await h.identify(user, { email: `${user}@example.com` });
    for (const user of users) await h.track(user, 'metrics_go');
    // A duplicate (same messageId) is not a new event.
    const again = randomUUID();
    await h.track(users[0]!, 'page_viewed', {}, again);
    await h.track(users[0]!, 'page_viewed', {}, again);
    await pollUntil('three emails sent', async () =>
      (await MessageModel.countDocuments({ journeyId: body.id, status: 'delivered' })) === 3 ? true : undefined,
    );
    await h.engine.router.idle();

    const after = await pollUntil('the messages counted', async () => {
      const text = await scrape();
      return sample(text, 'waymark_messages_total{channel="email",status="delivered"}') -
        sample(before, 'waymark_messages_total{channel="email",status="delivered"}') ===
        3
        ? text
        : undefined;
    });
    const delta = (series: string) => sample(after, series) - sample(before, series);
    expect(delta('waymark_events_ingested_total{type="identify"}')).toBe(3);
    expect(delta('waymark_events_ingested_total{type="track"}')).toBe(4);
    expect(delta('waymark_journey_entries_total')).toBe(3);
    // Routed: the three metrics_go tracks. No journey needs the identifies or page_viewed: stored as routed.
    expect(delta('waymark_routing_lag_seconds_count')).toBe(3);
    expect(delta('waymark_send_duration_seconds_count{channel="email",status="delivered"}')).toBe(3);
    expect(delta('waymark_store_command_duration_seconds_count{command="insert",outcome="ok"}')).toBeGreaterThan(3);
    expect(sample(after, 'waymark_store_command_duration_seconds_count{command="find",outcome="ok"}')).toBeGreaterThan(
      0,
    );
    // The Temporal SDK's own metrics, from its Prometheus exporter, in the same scrape (once the workflows completed).
    for (const user of users) await h.temporal.workflow.getHandle(`journey:${body.id}:${user}`).result();
    const completed = new RegExp(
      `^temporal_workflow_completed_total\\{[^}]*task_queue="${h.taskQueue}"[^}]*\\} 3$`,
      'm',
    );
    const temporal = await pollUntil('the Temporal worker metrics', async () => {
      const text = await scrape();
      return completed.test(text) ? text : undefined;
    });
    // The sends ran as local activities (their first attempt, driver revision 3).
    expect(temporal).toMatch(/^temporal_local_activity_execution_latency_count\{.*\} [1-9]/m);
    // The three entries ended at the exit: each counted once.
    expect(
      sample(temporal, 'waymark_journey_exits_total{status="completed"}') -
        sample(before, 'waymark_journey_exits_total{status="completed"}'),
    ).toBe(3);
    // Node process metrics come along.
    expect(after).toMatch(/^process_cpu_seconds_total /m);
  });
});

describe('/metrics token', () => {
  it('asks for WAYMARK_METRICS_TOKEN as a bearer token when one is set', async () => {
    const app = express().use('/metrics', metricsRoutes('scrape-secret')).use(errorHandler);
    const server = await listen(app);
    try {
      const without = await fetch(`${server.base}/metrics`);
      expect(without.status).toBe(401);
      expect(((await without.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
      expect((await fetch(`${server.base}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(403);
      const scraped = await fetch(`${server.base}/metrics`, { headers: { authorization: 'Bearer scrape-secret' } });
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('# TYPE waymark_messages_total counter');
    } finally {
      await server.close();
    }
  });
});

describe('the Grafana dashboard (ops/grafana/waymark.json)', () => {
  it('charts every metric the engine exports, and only those', async () => {
    const dashboard = JSON.parse(readFileSync(join(repoRoot, 'ops', 'grafana', 'waymark.json'), 'utf8')) as {
      panels: { targets?: { expr: string }[] }[];
    };
    const queries = dashboard.panels.flatMap((panel) => panel.targets ?? []).map((target) => target.expr);
    const charted = new Set(
      queries
        .flatMap((query) => query.match(/waymark_[a-z_]+/g) ?? [])
        .map((name) => name.replace(/_(bucket|count|sum)$/, '')),
    );
    const exported = (await registry.getMetricsAsJSON())
      .map((metric) => metric.name)
      .filter((name) => name.startsWith('waymark_'));
    expect([...charted].sort()).toEqual(exported.sort());
  });
});
