import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntryModel, MessageModel } from '../../src/models/index.js';
import { Router } from '../../src/routing/router.js';
import { startSweeper } from '../../src/routing/sweeper.js';
import { pollUntil } from '../../src/services/wait.js';
import { startHarness, type Harness } from '../engine-harness.js';
import { listen, postJson } from '../helpers-http.js';
import { createApp } from '../../src/http/app.js';
import { journeyRoutes } from '../../src/journeys/routes.js';
import { builtinCustomSteps, stepRegistry } from '../../src/steps/registry.js';

describe('bad input on the management API', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('api-input', { smtp: false });
  });
  afterAll(async () => h?.stop());

  it('answers operator-shaped and unknown query parameters with 400, never an unfiltered list', async () => {
    await MessageModel.create({
      key: 'k-ann',
      journeyId: 'j',
      version: 1,
      nodeId: 'm',
      userId: 'ann',
      transactional: false,
      status: 'sent',
      channel: 'sms',
      history: [],
    });
    const operator = await h.api('GET', '/api/messages?userId[$ne]=x');
    expect(operator.status).toBe(400);
    expect(operator.body.error).toMatchObject({
      code: 'invalid_request',
      details: { issues: [{ field: 'userId[$ne]', message: 'is not a known field' }] },
    });
    for (const path of [
      '/api/messages?userId=a&userId=b',
      '/api/messages?limit=lots',
      '/api/messages?status=weird',
      '/api/journeys?page=2',
      '/api/steps?x=1',
      '/api/journeys/x/stats?version=abc',
    ]) {
      const answer = await h.api('GET', path);
      expect(answer.status, path).toBe(400);
      expect(answer.body.error.code, path).toBe('invalid_request');
    }
    const filtered = await h.api<{ messages: { userId: string }[] }>('GET', '/api/messages?userId=ann&limit=5');
    expect(filtered.status).toBe(200);
    expect(filtered.body.messages.map((m) => m.userId)).toEqual(['ann']);
  });

  it('answers a version that is not a number with 400 naming it', async () => {
    const answer = await h.api('GET', '/api/journeys/x/versions/abc');
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toMatch(/^Invalid version \(path\)/);
    expect((await h.api('GET', '/api/journeys/x/versions/3')).status).toBe(404);
  });

  it('releases an entry left starting by a Temporal outage, so the trigger can be retried', async () => {
    const { body: created } = await h.api<{ id: string }>('POST', '/api/journeys', {
      name: 'Once only',
      graph: {
        nodes: [
          { id: 't', type: 'trigger', data: { kind: 'api' } },
          { id: 'd', type: 'delay', data: { duration: 'P1D' } },
          { id: 'x', type: 'exit', data: {} },
        ],
        edges: [
          { source: 't', target: 'd' },
          { source: 'd', target: 'x' },
        ],
      },
      settings: { reentry: 'never' },
    });
    expect((await h.api('POST', `/api/journeys/${created.id}/publish`)).status).toBe(200);
    // Temporal down: nothing listens on port 1, so the workflow start fails after the entry was written.
    const down = new Router({
      client: new Client({ connection: Connection.lazy({ address: '127.0.0.1:1', connectTimeout: 500 }) }),
      taskQueue: h.taskQueue,
    });
    const trigger = { messageId: 'outage-1' };
    // The API answers 503 (retry later), not 500.
    const outage = await listen(
      createApp({
        health: async () => ({ status: 'ok', dependencies: {} as never }),
        routes: {
          '/api': journeyRoutes({
            steps: stepRegistry(builtinCustomSteps),
            router: down,
            temporal: h.temporal,
            taskQueue: h.taskQueue,
          }),
        },
      }),
    );
    try {
      const answer = await postJson(`${outage.base}/api/journeys/${created.id}/trigger`, {
        userId: 'outage-user',
        messageId: trigger.messageId,
      });
      expect(answer).toEqual({
        status: 503,
        body: {
          error: { code: 'temporal_unavailable', message: 'Temporal is not reachable right now; try again shortly.' },
        },
      });
    } finally {
      await outage.close();
    }
    expect(await EntryModel.findOne({ journeyId: created.id, userId: 'outage-user' }).lean()).toMatchObject({
      status: 'starting',
    });
    // Before reconciling, re-entry "never" counts the stuck entry: the user is kept out.
    expect(
      (await h.api('POST', `/api/journeys/${created.id}/trigger`, { userId: 'outage-user', messageId: 'retry-1' }))
        .status,
    ).toBe(409);

    // Temporal is back: the sweeper finds no workflow for the entry and releases it.
    const sweeper = startSweeper(h.engine.router, { intervalMs: 3_600_000, startingGraceMs: 0 });
    try {
      expect(await sweeper.sweep()).toBeGreaterThanOrEqual(1);
    } finally {
      sweeper.stop();
    }
    expect(await EntryModel.countDocuments({ journeyId: created.id, userId: 'outage-user' })).toBe(0);
    const retried = await h.api<{ workflowId: string }>('POST', `/api/journeys/${created.id}/trigger`, {
      userId: 'outage-user',
      messageId: 'outage-1',
    });
    expect(retried.status).toBe(202);
    await pollUntil(
      'the retried entry to run',
      async () =>
        (await EntryModel.findOne({ journeyId: created.id, userId: 'outage-user', status: 'active' }).lean()) ??
        undefined,
    );
    // A started entry is left to its workflow.
    const again = startSweeper(h.engine.router, { intervalMs: 3_600_000, startingGraceMs: 0 });
    await EntryModel.updateOne({ journeyId: created.id, userId: 'outage-user' }, { $set: { status: 'starting' } });
    try {
      expect(await again.sweep()).toBe(0);
    } finally {
      again.stop();
    }
    expect(await EntryModel.countDocuments({ journeyId: created.id, userId: 'outage-user' })).toBe(1);
  });
});
