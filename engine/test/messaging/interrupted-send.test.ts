import type { ChannelSettings } from '@waymark/channels';
import { MockActivityEnvironment } from '@temporalio/testing';
import type { ActivityRequest, RecordedActivityRequest } from '@waymark/workflows/temporal';
import mongoose from 'mongoose';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activitiesFor } from '../../src/engine.js';
import { journeyStats } from '../../src/journeys/stats.js';
import { MessageModel, ProfileModel } from '../../src/models/index.js';
import { repoRoot } from '../../src/services/paths.js';
import { pollUntil } from '../../src/services/wait.js';
import { builtinCustomSteps, stepRegistry } from '../../src/steps/registry.js';
import { startHarness, type Harness } from '../engine-harness.js';
import { shared } from '../helpers.js';

/**
 * A worker process killed inside the provider call, then the retried activity in this process: the
 * message is delivered once (the webhook receiver dedupes by Idempotency-Key) or visibly `unknown`
 * (SMTP cannot dedupe), never silently lost or counted as sent.
 */
describe('a send interrupted inside the provider call', () => {
  let h: Harness;
  let storeUri: string;
  const hooks: { key: string | undefined; answer: (res: ServerResponse) => void }[] = [];
  const receiver = createHttpServer((req: IncomingMessage, res: ServerResponse) => {
    // The first call hangs (the worker dies while waiting); later calls are answered.
    hooks.push({ key: req.headers['idempotency-key'] as string | undefined, answer: (r) => r.end('ok') });
    if (hooks.length > 1) res.end('ok');
  });
  const smtpConnections: Socket[] = [];
  /** Accepts SMTP connections and never greets: the client stays inside its call. */
  const stallingSmtp = createTcpServer((socket) => void smtpConnections.push(socket));
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    h = await startHarness('interrupted', { worker: false, smtp: false });
    const url = new URL(shared().mongoUri);
    url.pathname = `/${mongoose.connection.name}`;
    storeUri = url.toString();
    receiver.listen(0, '127.0.0.1');
    stallingSmtp.listen(0, '127.0.0.1');
    await Promise.all([once(receiver, 'listening'), once(stallingSmtp, 'listening')]);
    await ProfileModel.create({ userId: 'ann', email: 'ann-interrupted@example.com' });
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    for (const socket of smtpConnections) socket.destroy();
    receiver.closeAllConnections();
    receiver.close();
    stallingSmtp.close();
    await h?.stop();
  });

  const port = (server: { address(): unknown }) => (server.address() as { port: number }).port;
  const webhook = {
    provider: 'http',
    config: { allowHttp: true, allow: ['127.0.0.0/8'], retries: 0, timeoutMs: 60_000 },
  };
  const request = (channel: 'email' | 'webhook'): ActivityRequest<'send'> => ({
    entry: { workflowId: `journey:j1:ann:${channel}`, journeyId: 'j1', version: 1, userId: 'ann' },
    requestId: 'remind:1:send',
    kind: 'send',
    nodeId: 'remind',
    idempotencyKey: `journey:j1:ann:${channel}:j1:1:ann:t1:remind:1`,
    payload: {
      message:
        channel === 'email'
          ? { channel, template: { subject: 'Still in your cart', text: 'Hi' } }
          : { channel, template: { url: `http://127.0.0.1:${port(receiver)}/hook`, method: 'POST', body: '{}' } },
      transactional: false,
      contactPolicy: 'default',
      trigger: { name: 'added_to_cart', messageId: 't1', timestamp: new Date().toISOString(), properties: {} },
      vars: {},
    },
  });

  /** Runs the send activity in a worker process of its own and kills it once the provider has been called. */
  async function killInsideProviderCall(
    channels: ChannelSettings,
    send: ActivityRequest | RecordedActivityRequest,
    called: () => boolean,
  ): Promise<void> {
    const script = `
      import { MockActivityEnvironment } from '@temporalio/testing';
      import mongoose from 'mongoose';
      import { activitiesFor } from './dist/engine.js';
      const [uri, channels, request] = JSON.parse(process.argv[1]);
      await mongoose.connect(uri);
      const { activities } = activitiesFor({ channels, publicUrl: 'http://waymark.test', trackingSecret: 't', steps: new Map() });
      await new MockActivityEnvironment({ attempt: 1 }).run(activities.perform, request);`;
    const child = spawn(
      process.execPath,
      ['--input-type=module', '-e', script, JSON.stringify([storeUri, channels, send])],
      { cwd: join(repoRoot, 'engine'), stdio: 'inherit' },
    );
    children.push(child);
    await pollUntil('the provider call to start', async () => (called() ? true : undefined), { timeoutMs: 20_000 });
    child.kill('SIGKILL');
    await once(child, 'exit');
  }

  /** The send activity's retried attempts, with a short provider call timeout unless told otherwise. */
  const retried = (channels: ChannelSettings, sendCallTimeoutMs = 1_500, info = { attempt: 2, isLocal: false }) => {
    const { perform } = activitiesFor({
      channels,
      publicUrl: 'http://waymark.test',
      trackingSecret: 't',
      steps: stepRegistry(builtinCustomSteps),
      sendCallTimeoutMs,
    }).activities;
    return { perform: (send: ActivityRequest) => new MockActivityEnvironment(info).run(perform, send) };
  };

  it('marks an email unknown, visible in the outbox with a count, and never sends it twice', async () => {
    // As a workflow recorded it before requests named their node: attempts after an upgrade still take it.
    const { nodeId, ...recorded } = request('email');
    const send = recorded as ActivityRequest;
    await killInsideProviderCall(
      { email: { provider: 'smtp', config: { smtpUrl: `smtp://127.0.0.1:${port(stallingSmtp)}` } } },
      send,
      () => smtpConnections.length > 0,
    );
    expect(await MessageModel.findOne({ key: send.idempotencyKey }).lean()).toMatchObject({ status: 'sending' });

    const channels = { email: { provider: 'smtp', config: { smtpUrl: shared().smtpUrl } } };
    // Within the call timeout the first attempt could still settle: the retry waits its turn. (The kill takes
    // longer than 1.5 s on a loaded machine: a retry with a minute's timeout stands for one within it.)
    await expect(retried(channels, 60_000).perform(send)).rejects.toThrow('being sent by another attempt');
    const activities = retried(channels);
    const outcome = await pollUntil('the retry to reconcile', () => activities.perform(send).catch(() => undefined), {
      intervalMs: 250,
    });
    expect(outcome).toEqual({ status: 'unknown', channel: 'email', reason: 'interrupted' });

    const stored = await MessageModel.findOne({ key: send.idempotencyKey }).lean();
    expect(stored!.history.map((change) => change.status)).toEqual(['sending', 'unknown']);
    const inbox = (await (await fetch(`${shared().inboxUrl}/api/email`)).json()) as { to: { address: string }[] }[];
    expect(inbox.filter((email) => email.to[0]?.address === 'ann-interrupted@example.com')).toHaveLength(0);
    // Retried again (Temporal replays the activity after a later crash): the same answer, nothing sent.
    expect(await activities.perform(send)).toEqual({ status: 'unknown', channel: 'email', reason: 'interrupted' });

    const { body } = await h.api('GET', '/api/messages?userId=ann');
    expect(body.unknown).toBe(1);
    const { body: filtered } = await h.api('GET', '/api/messages?status=unknown');
    expect(filtered.messages.map((m: { key: string }) => m.key)).toEqual([send.idempotencyKey]);
    const stats = await journeyStats('j1');
    expect(stats.messages.remind).toMatchObject({ unknown: 1, reasons: { interrupted: 1 } });
  });

  it('sends a webhook again under the same Idempotency-Key, so the receiver gets it once', async () => {
    const send = request('webhook');
    await killInsideProviderCall({ webhook }, send, () => hooks.length > 0);
    const activities = retried({ webhook });
    const outcome = await pollUntil('the retry to reconcile', () => activities.perform(send).catch(() => undefined), {
      intervalMs: 250,
    });
    expect(outcome).toEqual({ status: 'delivered', channel: 'webhook' });
    expect(hooks.map((hook) => hook.key)).toEqual([send.idempotencyKey, send.idempotencyKey]);
    const stored = await MessageModel.findOne({ key: send.idempotencyKey }).lean();
    expect(stored!.history.map((change) => change.status)).toEqual(['sending', 'sending', 'delivered']);
  });

  it('fails a first attempt retryably when it meets the entry of an attempt that died in the provider call', async () => {
    // A local first attempt run again after its worker died (driver revision 3), or the regular activity that
    // retries a failed one, starts at attempt 1: it skips the lookup, and its claim meets the entry left behind.
    const send: ActivityRequest = { ...request('email'), idempotencyKey: `journey:j1:ann:local:${randomUUID()}` };
    const connectionsBefore = smtpConnections.length;
    await killInsideProviderCall(
      { email: { provider: 'smtp', config: { smtpUrl: `smtp://127.0.0.1:${port(stallingSmtp)}` } } },
      send,
      () => smtpConnections.length > connectionsBefore,
    );
    const channels = { email: { provider: 'smtp', config: { smtpUrl: shared().smtpUrl } } };
    await expect(retried(channels, 60_000, { attempt: 1, isLocal: false }).perform(send)).rejects.toThrow(
      'being sent by another attempt',
    );
    // Its retry looks the key up and reconciles, as above: past the call timeout, `unknown`, nothing sent.
    const activities = retried(channels);
    const outcome = await pollUntil('the retry to reconcile', () => activities.perform(send).catch(() => undefined), {
      intervalMs: 250,
    });
    expect(outcome).toEqual({ status: 'unknown', channel: 'email', reason: 'interrupted' });
    expect(await MessageModel.find({ key: send.idempotencyKey }).lean()).toMatchObject([{ status: 'unknown' }]);
  });

  it('gives a hung provider 10 s in a local first attempt, not the call timeout, and leaves the rest to retries', async () => {
    // The local attempt holds its workflow task while it runs (driver revision 3): a hung provider must not keep
    // it for the call timeout. The entry stays `sending`; the regular activity's attempts reconcile it as above.
    const send: ActivityRequest = { ...request('email'), idempotencyKey: `journey:j1:ann:hung:${randomUUID()}` };
    const stalled = { email: { provider: 'smtp', config: { smtpUrl: `smtp://127.0.0.1:${port(stallingSmtp)}` } } };
    // The error names the bound the call ran under: 10 s, though this worker's call timeout is 60 s.
    await expect(retried(stalled, 60_000, { attempt: 1, isLocal: true }).perform(send)).rejects.toThrow(
      'the provider call took longer than 10000 ms',
    );
    expect(await MessageModel.find({ key: send.idempotencyKey }).lean()).toMatchObject([{ status: 'sending' }]);
  }, 60_000);
});
