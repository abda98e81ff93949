import { once } from 'node:events';
import { createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeyStats } from '../../src/journeys/stats.js';
import { sweepAbandonedSends } from '../../src/messaging/send-sweeper.js';
import { MessageModel, ProfileModel } from '../../src/models/index.js';
import { pollUntil } from '../../src/services/wait.js';
import { startHarness, type Harness } from '../engine-harness.js';
import { emailJourney } from '../helpers.js';
import { sample } from '../ops/prometheus.js';

const SWEEP_INTERVAL_MS = 500;
/** Long enough that a send written fresh by a test stays fresh while the test runs, however loaded the machine. */
const STALE_AFTER_MS = 60_000;
/** An `updatedAt` well past staleness. */
const longAgo = () => new Date(Date.now() - 10 * STALE_AFTER_MS);

/**
 * An outbox entry left `sending` that no attempt will come back to (its workflow was terminated while
 * the provider call hung) is marked `unknown` by the send sweeper, with the engine's real Temporal
 * and store, and shows up as the activity-reconciled ones do: outbox filter, count, stats, metric.
 */
describe('the send sweeper', () => {
  let h: Harness;
  const connections: Socket[] = [];
  /** Accepts SMTP connections and never greets: the provider call hangs. */
  const stallingSmtp = createServer((socket) => void connections.push(socket));

  beforeAll(async () => {
    stallingSmtp.listen(0, '127.0.0.1');
    await once(stallingSmtp, 'listening');
    const { port } = stallingSmtp.address() as { port: number };
    h = await startHarness('abandoned-send', {
      channels: { email: { provider: 'smtp', config: { smtpUrl: `smtp://127.0.0.1:${port}` } } },
      // The hung call holds its attempt for 30 s: the workflow is terminated inside it, and no retry reconciles it first.
      sends: {
        sendCallTimeoutMs: 30_000,
        sendSweeper: { intervalMs: SWEEP_INTERVAL_MS, staleAfterMs: STALE_AFTER_MS },
      },
    });
  });
  afterAll(async () => {
    for (const socket of connections) socket.destroy();
    stallingSmtp.close();
    await h?.stop();
  });

  const unknownEmails = async () =>
    sample(
      await (await fetch(`${h.app.base}/metrics`)).text(),
      'waymark_messages_total{channel="email",status="unknown"}',
    );

  it('marks the send of a terminated workflow unknown within its period, visible like the others', async () => {
    await ProfileModel.create({ userId: 'cy', email: 'cy-abandoned@example.com' });
    const { body: journey } = await h.api<{ id: string }>('POST', '/api/journeys', emailJourney('abandoned_cart'));
    expect((await h.api('POST', `/api/journeys/${journey.id}/publish`)).status).toBe(200);
    const unknownBefore = await unknownEmails();

    await h.track('cy', 'abandoned_cart');
    const sending = await pollUntil(
      'the provider call to start',
      async () =>
        connections.length > 0
          ? ((await MessageModel.findOne({ userId: 'cy', status: 'sending' }).lean()) ?? undefined)
          : undefined,
      { timeoutMs: 30_000, intervalMs: 100 },
    );
    // Stale at once (as if the call had hung for ten minutes), while its attempt is still pending: the
    // workflow's retry will reconcile it, so a sweep leaves it alone.
    await MessageModel.collection.updateOne({ _id: sending._id }, { $set: { updatedAt: longAgo() } });
    const swept = await pollUntil('a sweep beside the periodic one', () =>
      sweepAbandonedSends(h.temporal, STALE_AFTER_MS),
    );
    expect(swept).toBe(0);
    expect(await MessageModel.findOne({ _id: sending._id }).lean()).toMatchObject({ status: 'sending' });

    await h.temporal.workflow.getHandle(sending.workflowId!).terminate('test: the entry is gone');
    const terminatedAt = Date.now();
    // Nothing retries the activity now: the periodic sweep settles it (within seconds; the bound allows for load).
    const settled = await pollUntil(
      'the sweeper to mark it unknown',
      async () => (await MessageModel.findOne({ _id: sending._id, status: { $ne: 'sending' } }).lean()) ?? undefined,
      { timeoutMs: 60 * SWEEP_INTERVAL_MS, intervalMs: 100 },
    );
    expect(Date.now() - terminatedAt).toBeLessThan(60 * SWEEP_INTERVAL_MS);
    expect(settled).toMatchObject({ status: 'unknown', reason: 'interrupted', channel: 'email' });
    expect(settled.history.map((change) => change.status)).toEqual(['sending', 'unknown']);
    expect(settled.history[1]!.detail).toContain('its workflow is terminated');

    const { body: outbox } = await h.api('GET', '/api/messages?status=unknown');
    expect(outbox.messages.map((m: { key: string }) => m.key)).toEqual([sending.key]);
    expect((await h.api('GET', '/api/messages?userId=cy')).body.unknown).toBe(1);
    expect((await journeyStats(journey.id)).messages.m).toMatchObject({ unknown: 1, reasons: { interrupted: 1 } });
    expect(await unknownEmails()).toBe(unknownBefore + 1);
  });

  it('gets past a full page of stale sends that are still pending', async () => {
    await ProfileModel.create({ userId: 'ed', email: 'ed-abandoned@example.com' });
    const { body: journey } = await h.api<{ id: string }>('POST', '/api/journeys', emailJourney('pending_page'));
    expect((await h.api('POST', `/api/journeys/${journey.id}/publish`)).status).toBe(200);
    const callsBefore = connections.length;
    await h.track('ed', 'pending_page');
    const pending = await pollUntil(
      'the provider call to start',
      async () =>
        connections.length > callsBefore
          ? ((await MessageModel.findOne({ userId: 'ed', status: 'sending' }).lean()) ?? undefined)
          : undefined,
      { timeoutMs: 30_000, intervalMs: 100 },
    );
    // More stale entries than one page reads, all of a workflow whose send attempt is still pending, then
    // one nothing retries: a sweep that stopped at the first page would never reach it.
    const stale = { userId: 'ed', channel: 'email', status: 'sending', history: [] };
    await MessageModel.collection.insertMany(
      Array.from({ length: 201 }, (_, i) => ({
        ...stale,
        key: `pending-page-${i}`,
        workflowId: pending.workflowId,
        createdAt: longAgo(),
        updatedAt: longAgo(),
      })),
    );
    await MessageModel.collection.insertOne({
      ...stale,
      key: 'past-the-page',
      test: true,
      createdAt: longAgo(),
      updatedAt: longAgo(),
    });
    await pollUntil('a sweep beside the periodic one', () => sweepAbandonedSends(h.temporal, STALE_AFTER_MS));
    expect(await MessageModel.findOne({ key: 'past-the-page' }).lean()).toMatchObject({ status: 'unknown' });
    expect(await MessageModel.countDocuments({ key: /^pending-page-/, status: 'sending' })).toBe(201);
    await h.temporal.workflow.getHandle(pending.workflowId!).terminate('test: done');
  });

  it('settles a stale test send (nothing retries it) and leaves a fresh one', async () => {
    await MessageModel.collection.insertOne({
      key: 'fresh-send',
      userId: 'dee',
      channel: 'email',
      status: 'sending',
      test: true,
      history: [],
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    await MessageModel.collection.insertOne({
      key: 'old-test-send',
      userId: 'dee',
      channel: 'email',
      status: 'sending',
      test: true,
      history: [],
      createdAt: longAgo(),
      updatedAt: longAgo(),
    });
    // A test send has no workflow to retry it: once stale it is settled, the fresh one is not (yet).
    const old = await pollUntil(
      'the stale test send to be settled',
      async () => (await MessageModel.findOne({ key: 'old-test-send', status: 'unknown' }).lean()) ?? undefined,
      { timeoutMs: 60 * SWEEP_INTERVAL_MS, intervalMs: 100 },
    );
    expect(old.history.at(-1)!.detail).toContain('outside a journey');
    expect(await MessageModel.findOne({ key: 'fresh-send' }).lean()).toMatchObject({ status: 'sending' });
  });
});
