import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntryModel, EventModel, ProfileModel } from '../../src/models/index.js';
import { pollUntil } from '../../src/services/wait.js';
import { startHarness, type Harness } from '../engine-harness.js';

const exit = { id: 'x', type: 'exit', data: {} };
const doc = (name: string, nodes: unknown[], edges: unknown[], settings = {}) => ({
  name,
  graph: { nodes, edges },
  settings,
});

describe('management API', () => {
  let h: Harness;
  beforeAll(async () => (h = await startHarness('api')));
  afterAll(async () => h?.stop());

  it('needs the admin token', async () => {
    const response = await fetch(`${h.app.base}/api/journeys`);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
  });

  it('creates, reads and saves drafts with conflict detection', async () => {
    const created = await h.api('POST', '/api/journeys', doc('Welcome series', [], []));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^welcome-series-[0-9a-f]{6}$/),
      revision: 1,
      status: 'draft',
    });
    const id = created.body.id;

    const saved = await h.api('PUT', `/api/journeys/${id}`, {
      ...doc('Welcome series', [{ id: 't', type: 'trigger', data: {} }], []),
      revision: 1,
    });
    expect(saved.body).toMatchObject({ revision: 2 });
    const stale = await h.api('PUT', `/api/journeys/${id}`, { ...doc('Other tab', [], []), revision: 1 });
    expect(stale).toMatchObject({
      status: 409,
      body: { error: { code: 'conflict', details: { currentRevision: 2 } } },
    });
    const read = await h.api('GET', `/api/journeys/${id}`);
    expect(read.body).toMatchObject({
      name: 'Welcome series',
      revision: 2,
      draft: { graph: { nodes: [{ id: 't' }] } },
      versions: [],
    });
  });

  it('rejects a malformed draft with 400 naming the field, and changes nothing', async () => {
    const bad = await h.api('POST', '/api/journeys', { name: '', graph: { nodes: [], edges: [] } });
    expect(bad).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid_request', message: expect.stringContaining('name') } },
    });
  });

  it('validates with the shared compiler and refuses to publish an invalid journey (422)', async () => {
    const invalid = doc(
      'Broken',
      [
        { id: 't', type: 'trigger', data: { kind: 'event', event: 'signed_up' } },
        { id: 'd', type: 'delay', data: { duration: 'P0D' } },
        exit,
      ],
      [
        { source: 't', target: 'd' },
        { source: 'd', target: 'x' },
      ],
    );
    const validation = await h.api('POST', '/api/journeys/validate', invalid);
    expect(validation.body).toMatchObject({
      ok: false,
      errors: [{ code: 'invalid_data', nodeId: 'd', path: 'duration' }],
    });
    const { body } = await h.api('POST', '/api/journeys', invalid);
    const published = await h.api('POST', `/api/journeys/${body.id}/publish`);
    expect(published).toMatchObject({
      status: 422,
      body: { error: { code: 'invalid_journey', details: { errors: [{ nodeId: 'd' }] } } },
    });
    expect((await h.api('GET', `/api/journeys/${body.id}`)).body).toMatchObject({ status: 'draft', version: null });
  });

  it('publishes immutable versions and moves through pause, resume and archive', async () => {
    const { body } = await h.api(
      'POST',
      '/api/journeys',
      doc(
        'Lifecycle',
        [{ id: 't', type: 'trigger', data: { kind: 'event', event: 'x_happened' } }, exit],
        [{ source: 't', target: 'x' }],
      ),
    );
    const id = body.id;
    expect((await h.api('POST', `/api/journeys/${id}/pause`)).status).toBe(409);
    expect((await h.api('POST', `/api/journeys/${id}/publish`)).body.version).toBe(1);
    expect((await h.api('POST', `/api/journeys/${id}/publish`)).body.version).toBe(2);
    expect((await h.api('GET', `/api/journeys/${id}/versions/1`)).body).toMatchObject({
      version: 1,
      ir: { journey: { id, version: 1 } },
    });
    expect((await h.api('POST', `/api/journeys/${id}/pause`)).body).toEqual({ status: 'paused' });
    expect((await h.api('POST', `/api/journeys/${id}/resume`)).body).toEqual({ status: 'active' });
    expect((await h.api('DELETE', `/api/journeys/${id}`)).status).toBe(409);
    expect((await h.api('POST', `/api/journeys/${id}/archive`)).body).toEqual({ status: 'archived' });
    expect((await h.api('POST', `/api/journeys/${id}/publish`)).status).toBe(409);
    const list = await h.api('GET', '/api/journeys');
    expect(list.body.journeys).toContainEqual(
      expect.objectContaining({ id, status: 'archived', version: 2, entered: 0 }),
    );
  });

  it('deletes a draft that was never published', async () => {
    const { body } = await h.api('POST', '/api/journeys', doc('Scratch', [], []));
    expect((await h.api('DELETE', `/api/journeys/${body.id}`)).status).toBe(204);
    expect((await h.api('GET', `/api/journeys/${body.id}`)).status).toBe(404);
  });

  it('lists every node type and the registered custom steps with JSON Schema', async () => {
    const { body } = await h.api('GET', '/api/steps');
    const types = body.steps.map((s: { type: string; step?: string }) => s.step ?? s.type);
    expect(types).toEqual([
      'trigger',
      'delay',
      'waitUntil',
      'waitForEvent',
      'context',
      'branch',
      'split',
      'message',
      'updateProfile',
      'exit',
      'loyaltyPoints',
    ]);
    expect(body.steps.find((s: { step?: string }) => s.step === 'loyaltyPoints')).toMatchObject({
      type: 'custom',
      category: 'custom',
      outputs: ['gold', 'silver', 'bronze'],
      schema: { properties: { points: expect.anything() } },
    });
  });

  it('simulates a stored journey', async () => {
    const { body } = await h.api(
      'POST',
      '/api/journeys',
      doc(
        'Sim',
        [
          { id: 't', type: 'trigger', data: { kind: 'event', event: 'signed_up' } },
          { id: 'd', type: 'delay', data: { duration: 'P2D' } },
          { id: 'm', type: 'message', data: { channel: 'sms', template: { body: 'Hi {{ profile.first_name }}' } } },
          exit,
        ],
        [
          { source: 't', target: 'd' },
          { source: 'd', target: 'm' },
          { source: 'm', target: 'x' },
        ],
      ),
    );
    const result = await h.api('POST', `/api/journeys/${body.id}/simulate`, {
      profile: { userId: 'sim', first_name: 'Jo', phone: '+15550001' },
      trigger: { name: 'signed_up', timestamp: '2027-01-01T00:00:00Z' },
    });
    expect(result.body.messages).toEqual([
      { nodeId: 'm', at: '2027-01-03T00:00:00.000Z', channel: 'sms', rendered: { body: 'Hi Jo' } },
    ]);
    expect(result.body.end).toMatchObject({ reason: 'exit' });
  });

  it('enters API-triggered journeys, idempotently per messageId', async () => {
    const { body } = await h.api(
      'POST',
      '/api/journeys',
      doc(
        'Via API',
        [
          { id: 't', type: 'trigger', data: { kind: 'api' } },
          { id: 'd', type: 'delay', data: { duration: 'P1D' } },
          exit,
        ],
        [
          { source: 't', target: 'd' },
          { source: 'd', target: 'x' },
        ],
      ),
    );
    await h.api('POST', `/api/journeys/${body.id}/publish`);
    const call = { userId: 'api-user', data: { plan: 'pro' }, messageId: randomUUID() };
    const first = await h.api('POST', `/api/journeys/${body.id}/trigger`, call);
    expect(first).toEqual({ status: 202, body: { workflowId: `journey:${body.id}:api-user` } });
    expect(await h.api('POST', `/api/journeys/${body.id}/trigger`, call)).toEqual(first);
    expect(await EntryModel.countDocuments({ journeyId: body.id })).toBe(1);
    expect(
      (await h.api('POST', `/api/journeys/${body.id}/trigger`, { ...call, messageId: randomUUID() })).body.error.code,
    ).toBe('not_entered');
  });

  it('runs a custom step that updates the profile and branches on the tier', async () => {
    const { body } = await h.api(
      'POST',
      '/api/journeys',
      doc(
        'Loyalty',
        [
          { id: 't', type: 'trigger', data: { kind: 'event', event: 'order_paid' } },
          { id: 'l', type: 'custom', data: { step: 'loyaltyPoints', config: { perUnitOf: 'total' } } },
          { id: 'g', type: 'exit', data: {} },
          { id: 's', type: 'exit', data: {} },
          { id: 'b', type: 'exit', data: {} },
        ],
        [
          { source: 't', target: 'l' },
          { source: 'l', sourceHandle: 'gold', target: 'g' },
          { source: 'l', sourceHandle: 'silver', target: 's' },
          { source: 'l', sourceHandle: 'bronze', target: 'b' },
        ],
        { reentry: 'always' },
      ),
    );
    await h.api('POST', `/api/journeys/${body.id}/publish`);
    const user = `loyal-${Date.now()}`;
    await h.identify(user, { loyaltyPoints: 250 });
    await h.track(user, 'order_paid', { total: 80 });
    const entry = await pollUntil(
      'the loyalty entry to end',
      async () => (await EntryModel.findOne({ userId: user, status: 'completed' }).lean()) ?? undefined,
    );
    expect(entry.currentNode).toBe('s');
    expect((await ProfileModel.findOne({ userId: user }).lean())?.traits).toMatchObject({
      loyaltyPoints: 330,
      loyaltyTier: 'silver',
    });
  });

  it('stores an event no journey needs as routed at once, and routes one a journey triggers on', async () => {
    const { body } = await h.api(
      'POST',
      '/api/journeys',
      doc(
        'Needed',
        [{ id: 't', type: 'trigger', data: { kind: 'event', event: 'needed_event' } }, exit],
        [{ source: 't', target: 'x' }],
      ),
    );
    await h.api('POST', `/api/journeys/${body.id}/publish`);
    const [unused, needed] = [randomUUID(), randomUUID()];
    await h.track('need-user', 'page_viewed_nowhere_used', {}, unused);
    await h.track('need-user', 'needed_event', {}, needed);
    // Stored as routed: neither the router nor the sweeper has anything to do for it.
    expect((await EventModel.findOne({ messageId: unused }).lean())?.routed).toBe(true);
    await pollUntil(
      'the entry of the needed event',
      async () =>
        (await EntryModel.findOne({ journeyId: body.id, userId: 'need-user', triggerId: needed }).lean()) ?? undefined,
    );
    await pollUntil(
      'the needed event to be marked routed',
      async () => (await EventModel.findOne({ messageId: needed, routed: true }).lean()) ?? undefined,
    );
  });

  it('routes events that were stored but never routed when the sweeper runs', async () => {
    const { body } = await h.api(
      'POST',
      '/api/journeys',
      doc(
        'Swept',
        [
          { id: 't', type: 'trigger', data: { kind: 'event', event: 'crash_test' } },
          { id: 'd', type: 'delay', data: { duration: 'P1D' } },
          exit,
        ],
        [
          { source: 't', target: 'd' },
          { source: 'd', target: 'x' },
        ],
      ),
    );
    await h.api('POST', `/api/journeys/${body.id}/publish`);
    // As if the process died after acknowledging the event and before routing it.
    await EventModel.create({
      messageId: randomUUID(),
      type: 'track',
      userId: 'swept-user',
      name: 'crash_test',
      properties: {},
      timestamp: new Date(),
      receivedAt: new Date(Date.now() - 60_000),
    });
    expect(await h.engine.sweep()).toBeGreaterThanOrEqual(1);
    // Active once the started workflow has recorded its first move.
    await pollUntil(
      'the swept entry to run',
      async () =>
        (await EntryModel.findOne({
          journeyId: body.id,
          userId: 'swept-user',
          status: 'active',
          currentNode: 'd',
        }).lean()) ?? undefined,
    );
    expect(await EventModel.countDocuments({ userId: 'swept-user', routed: false })).toBe(0);
    expect(await h.engine.sweep()).toBe(0);
  });

  it('enters segment-triggered journeys when an identify makes the profile start matching', async () => {
    const { body } = await h.api(
      'POST',
      '/api/journeys',
      doc(
        'Gold welcome',
        [
          {
            id: 't',
            type: 'trigger',
            data: { kind: 'segment', condition: { attr: 'profile.plan', op: 'eq', value: 'gold' } },
          },
          { id: 'd', type: 'delay', data: { duration: 'P1D' } },
          exit,
        ],
        [
          { source: 't', target: 'd' },
          { source: 'd', target: 'x' },
        ],
        { reentry: 'always' },
      ),
    );
    await h.api('POST', `/api/journeys/${body.id}/publish`);
    const user = `seg-${Date.now()}`;
    await h.identify(user, { plan: 'silver' });
    await h.identify(user, { plan: 'gold' });
    await h.identify(user, { plan: 'gold', name: 'still gold' });
    await h.engine.router.idle();
    const entries = await EntryModel.find({ journeyId: body.id, userId: user }).lean();
    expect(entries).toHaveLength(1);
    await pollUntil(
      'the segment entry to run',
      async () =>
        (await EntryModel.findOne({ _id: entries[0]!._id, status: 'active', currentNode: 'd' }).lean()) ?? undefined,
    );
  });

  it('serves an OpenAPI 3.1 document generated from the request and answer schemas', async () => {
    const response = await fetch(`${h.app.base}/api/openapi.json`);
    type Content = { 'application/json': { schema: { required?: string[] } } };
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Content }; responses: Record<string, { content?: Content }> }>
      >;
    };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/v1/track', '/v1/batch', '/api/journeys/{id}/publish', '/api/journeys/{id}/stats']),
    );
    expect(document.paths['/v1/track']?.post?.requestBody?.content['application/json'].schema.required).toEqual([
      'event',
    ]); // userId or anonymousId: either identifies the caller
    // Answers are described, not just "OK": the designer's types and Schemathesis' checks read these.
    expect(
      document.paths['/api/journeys/{id}/stats']?.get?.responses['200']?.content?.['application/json'].schema.required,
    ).toEqual(['version', 'nodes', 'edges', 'messages', 'conversions', 'totals']);
    expect(
      document.paths['/api/journeys']?.post?.responses['201']?.content?.['application/json'].schema.required,
    ).toEqual(['id', 'name', 'status', 'revision']);
  });
});
