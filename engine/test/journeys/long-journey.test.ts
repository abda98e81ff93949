import { tsToMs } from '@temporalio/common/lib/time.js';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { compile, replenishment } from '@waymark/workflows';
import { DRIVER_REVISION, type JourneyInput } from '@waymark/workflows/temporal';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activitiesFor } from '../../src/engine.js';
import { MessageModel, ProfileModel } from '../../src/models/index.js';
import { cachedBinary, timeSkippingServer } from '../../src/services/binaries.js';
import { addSearchAttributes } from '../../src/services/temporal.js';
import { builtinCustomSteps, stepRegistry } from '../../src/steps/registry.js';
import { workflowBundle } from '../../src/temporal/bundle.js';
import { connectIsolatedStore } from '../helpers.js';

/** Months of journey time in seconds of test time: the Java test server skips time whenever every workflow waits. */
describe('a journey of months on the time-skipping test server', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    const path = await cachedBinary(timeSkippingServer, (m) => console.log(`[test server] ${m}`));
    expect(
      path,
      'the time-skipping server needs Maven and Java (`node engine/dist/cli.js prepare` fetches it)',
    ).toBeTruthy();
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: path! } },
    });
    // The test server starts without custom search attributes, and the journey workflow upserts WaymarkNode.
    await addSearchAttributes(env.connection, env.namespace ?? 'default');
    await connectIsolatedStore('long');
  }, 120_000);
  afterAll(async () => {
    await env?.teardown();
    await mongoose.disconnect();
  });

  it('sends the replenishment reminder seven months after the purchase, at 10:00 in the buyer zone, then ends', async () => {
    const compiled = compile(replenishment, { journey: { id: 'replenishment', version: 1 } });
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
    await ProfileModel.create({
      userId: 'ann',
      email: 'ann@example.com',
      timezone: 'Asia/Seoul',
      traits: { first_name: 'Ann' },
    });
    const purchasedAt = new Date(await env.currentTimeMs()).toISOString();
    const input: JourneyInput = {
      ir: compiled.ir,
      entry: { workflowId: 'journey:replenishment:ann', journeyId: 'replenishment', version: 1, userId: 'ann' },
      trigger: {
        name: 'order_completed',
        messageId: 'order-1',
        timestamp: purchasedAt,
        properties: { category: 'tablet-case', name: 'Tablet case', url: 'https://shop.example.com/p/42' },
      },
      driver: DRIVER_REVISION,
    };
    const taskQueue = 'long-journeys';
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await workflowBundle(),
      activities: activitiesFor({
        channels: {},
        publicUrl: 'http://waymark.test',
        trackingSecret: 't',
        steps: stepRegistry(builtinCustomSteps),
      }).activities,
    });
    const wallStart = Date.now();
    const outcome = await worker.runUntil(
      env.client.workflow.execute('journey', { taskQueue, workflowId: input.entry.workflowId, args: [input] }),
    );
    console.log(`[long journey] 7 months and 3 days of journey time in ${Date.now() - wallStart} ms`);

    expect(outcome).toMatchObject({ reason: 'exit', nodeId: 'end' });
    const reminder = await MessageModel.findOne({ workflowId: input.entry.workflowId, nodeId: 'reminder' }).lean();
    expect(reminder).toMatchObject({
      channel: 'email',
      status: 'delivered',
      rendered: { subject: 'Time for a new Tablet case?', to: 'ann@example.com' },
    });
    expect(reminder!.rendered).toMatchObject({
      html: expect.stringMatching(/Hi Ann, your <a href="[^"]+">Tablet case<\/a> is 7 months old\./),
    });

    // Activities run on the wall clock, so the skipped months show in the history: a timer of about
    // seven months that fires at 10:00 in Seoul (01:00 UTC), then the three-day wait for a product view.
    const events = (await env.client.workflow.getHandle(input.entry.workflowId).fetchHistory()).events ?? [];
    const timersFireAt = events.flatMap((event) => {
      const started = event.timerStartedEventAttributes;
      return started ? [new Date(tsToMs(event.eventTime) + tsToMs(started.startToFireTimeout))] : [];
    });
    const sevenMonthsLater = new Date(purchasedAt);
    sevenMonthsLater.setUTCMonth(sevenMonthsLater.getUTCMonth() + 7);
    expect(Math.abs(timersFireAt[0]!.getTime() - sevenMonthsLater.getTime())).toBeLessThan(86_400_000);
    expect(timersFireAt[0]!.toISOString().slice(11, 16)).toBe('01:00');
    expect(events.filter((event) => event.timerFiredEventAttributes)).toHaveLength(timersFireAt.length);
  }, 120_000);
});
