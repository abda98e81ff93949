import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { compile, simulate, type JourneyIR, type SimulateOptions } from '@waymark/workflows';
import { DRIVER_REVISION, stateQuery, type JourneyEvent, type JourneyInput } from '@waymark/workflows/temporal';
import fc from 'fast-check';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activitiesFor } from '../../src/engine.js';
import { MessageModel, ProfileModel, syncIndexes } from '../../src/models/index.js';
import { loadProfileContext } from '../../src/profiles/context.js';
import { cachedBinary, timeSkippingServer } from '../../src/services/binaries.js';
import { addSearchAttributes } from '../../src/services/temporal.js';
import { builtinCustomSteps, stepRegistry } from '../../src/steps/registry.js';
import { workflowBundle } from '../../src/temporal/bundle.js';
import { isolatedMongoUri } from '../helpers.js';
import { diffCase, type DiffCase } from './differential/cases.js';
import { regressions } from './differential/regressions.js';
import { differences, runtimeTrace, simulatedTrace } from './differential/traces.js';

/** `WAYMARK_DIFF_CASES=2000 WAYMARK_DIFF_SEED=7` runs more (or other) cases than CI's fixed 200. */
const CASES = Number(process.env.WAYMARK_DIFF_CASES ?? 200);
const SEED = Number(process.env.WAYMARK_DIFF_SEED ?? 11);
/** Cases run side by side on one virtual clock. */
const BATCH = 50;
/** Activities run on the wall clock while the server skips time: runtime times drift by their duration. */
const TOLERANCE_MS = 60_000;
const MINUTE = 60_000;
const HALF_HOUR = 30 * MINUTE;

/**
 * The differential test: generated journeys and event timelines, each through `simulate()` and
 * through the real journey workflow and activities on Temporal's time-skipping test server; the
 * traces (node path with outcomes and times, messages, end) must be equal. Every mismatch it found
 * is kept in differential/regressions.ts.
 */
describe('simulate() and the runtime agree', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = 'differential';

  beforeAll(async () => {
    const path = await cachedBinary(timeSkippingServer, (m) => console.log(`[test server] ${m}`));
    expect(
      path,
      'the time-skipping server needs Maven and Java (`node engine/dist/cli.js prepare` fetches it)',
    ).toBeTruthy();
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: path! } },
    });
    await addSearchAttributes(env.connection, env.namespace ?? 'default');
    await mongoose.connect(isolatedMongoUri('differential'));
    await syncIndexes();
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await workflowBundle(),
      activities: activitiesFor({
        channels: {},
        publicUrl: 'http://waymark.test',
        trackingSecret: 't',
        steps: stepRegistry(builtinCustomSteps),
      }).activities,
      maxConcurrentActivityTaskExecutions: 32,
    });
    running = worker.run();
  }, 120_000);
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
    await mongoose.disconnect();
  });

  it('generates only journeys that compile', () => {
    for (const generated of fc.sample(diffCase, { seed: SEED, numRuns: CASES })) {
      const compiled = compile(generated.document);
      expect(compiled.errors, JSON.stringify(generated.document)).toEqual([]);
    }
  });

  it('on every kept regression case', async () => {
    expect(await mismatches(regressions, 'reg')).toEqual([]);
  }, 120_000);

  it(`on ${CASES} generated cases (seed ${SEED})`, async () => {
    const cases = fc.sample(diffCase, { seed: SEED, numRuns: CASES });
    const found: string[] = [];
    for (let start = 0; start < cases.length; start += BATCH)
      found.push(...(await mismatches(cases.slice(start, start + BATCH), `b${start}`)));
    expect(found).toEqual([]);
  }, 600_000);

  /** Runs a batch side by side on the test server and in the simulator; describes every case whose traces differ. */
  async function mismatches(cases: DiffCase[], batch: string): Promise<string[]> {
    // Start on a half hour, so every timer (durations, local times, trigger.dueAt) lies on a 30-minute grid
    // from it and every generated event 15 minutes away from one.
    const now = await env.currentTimeMs();
    await env.sleep(HALF_HOUR - (now % HALF_HOUR));
    const t0 = await env.currentTimeMs();
    const names = cases.map((_, i) => `${batch}-${i}`);
    await ProfileModel.insertMany(cases.map((c, i) => ({ userId: `u-${names[i]}`, ...c.profile })));
    const runs = await Promise.all(cases.map((c, i) => startCase(c, names[i]!, t0)));

    // Deliver every case's events on the one virtual clock, in time order.
    const timeline = runs
      .flatMap((run) => run.events.map((event) => ({ run, event })))
      .sort((a, b) => Date.parse(a.event.timestamp) - Date.parse(b.event.timestamp));
    let clock = t0;
    for (const { run, event } of timeline) {
      const due = Date.parse(event.timestamp);
      if (due > clock) await env.sleep(due - clock);
      clock = Math.max(clock, due);
      await env.client.workflow
        .getHandle(run.workflowId)
        .signal('event', event)
        .catch(() => undefined); // it may have ended
    }

    const found: string[] = [];
    // One at a time: each awaited result lets the server skip time, and overlapping waits let it skip past running activities.
    for (const run of runs) {
      const handle = env.client.workflow.getHandle(run.workflowId);
      const end = (await handle.result()) as { reason: string; nodeId: string };
      const view = await handle.query(stateQuery);
      const messages = await MessageModel.find({ workflowId: run.workflowId, status: { $in: ['sent', 'delivered'] } })
        .sort({ createdAt: 1 })
        .lean();
      const runtime = runtimeTrace(
        view.path,
        messages.map((m) => ({ nodeId: m.nodeId!, channel: m.channel, rendered: m.rendered })),
        { reason: end.reason, nodeId: end.nodeId },
      );
      // The run enters when the worker first runs it, a little after the trigger: simulate from then.
      const simulated = simulatedTrace(simulate(run.ir, { ...run.simulation, start: view.path[0]!.at }));
      const problems = differences(simulated, runtime, TOLERANCE_MS);
      if (problems.length > 0)
        found.push(`${run.workflowId}: ${problems.join('; ')}\n  case: ${JSON.stringify(run.case)}`);
    }
    return found;
  }

  async function startCase(
    c: DiffCase,
    name: string,
    t0: number,
  ): Promise<{
    workflowId: string;
    case: DiffCase;
    ir: JourneyIR;
    events: JourneyEvent[];
    simulation: SimulateOptions;
  }> {
    const userId = `u-${name}`;
    const workflowId = `diff:${userId}`;
    const profile = await loadProfileContext(userId);
    const compiled = compile(c.document, { journey: { id: `j-${name}`, version: 1 } });
    if (!compiled.ok) throw new Error(`generated journey does not compile: ${JSON.stringify(compiled.errors)}`);
    const ir: JourneyIR = compiled.ir;
    const trigger: JourneyEvent = {
      name: 'added_to_cart',
      messageId: `trigger-${name}`,
      timestamp: new Date(t0).toISOString(),
      properties: {
        productId: c.trigger.productId,
        dueAt: new Date(t0 + c.trigger.dueInMinutes * MINUTE).toISOString(),
      },
    };
    const events: JourneyEvent[] = c.events.map((e, i) => ({
      name: e.name,
      messageId: `event-${name}-${i}`,
      timestamp: new Date(t0 + e.atMinutes * MINUTE).toISOString(),
      properties: { productId: e.productId },
    }));
    const input: JourneyInput = {
      ir,
      entry: { workflowId, journeyId: ir.journey.id, version: 1, userId },
      trigger,
      profile,
      // As the router starts entries: the driver path production runs.
      driver: DRIVER_REVISION,
    };
    await env.client.workflow.start('journey', { taskQueue, workflowId, args: [input] });
    return { workflowId, case: c, ir, events, simulation: { profile, trigger, events } };
  }
});
