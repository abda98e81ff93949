import type { DraftDocument } from '@waymark/workflows/api';
import { cartReminder } from '@waymark/workflows';
import { describe, expect, it } from 'vitest';
import { documentToGraph, graphToDocument } from '../../store/document-graph';
import { builtinCatalog } from '../../steps/catalog';
import { journeyWords } from '../../words/journey-words';
import { passesTriggerFilter, prefillEntryEvent, propertiesFromFilter } from './entry-event';
import { engagementEvent, runSimulation } from './run-simulation';
import { engagementWords, explainStep } from './step-reasons';

const document = graphToDocument(documentToGraph(cartReminder), cartReminder.name, cartReminder.settings);
const script = {
  profile: { userId: 'u1', devices: [{ platform: 'ios', token: 't' }] },
  trigger: { name: 'added_to_cart', properties: { productId: 'p1', name: 'Tablet case' } },
  start: '2027-01-01T00:00:00.000Z',
  events: [],
};

describe('simulator', () => {
  it('walks a user who does not buy to the reminder and highlights the path', () => {
    const { result, highlight } = runSimulation(document, new Map(), script);
    expect(result.messages.map((m) => [m.nodeId, (m.rendered as { title: string }).title])).toEqual([
      ['reminder', 'Still thinking about Tablet case?'],
    ]);
    expect([...highlight.nodes]).toEqual(expect.arrayContaining(['trigger', 'golden_time', 'reminder', 'done']));
    expect(highlight.edges.has('reminder:next->done')).toBe(true);
  });

  it('lets scripted events change the path', () => {
    const { result, highlight } = runSimulation(document, new Map(), {
      ...script,
      events: [{ name: 'order_completed', after: 'PT1H', properties: {} }],
    });
    expect(result.messages).toEqual([]);
    expect(highlight.nodes.has('reminder')).toBe(false);
  });
});

describe('simulator entry event', () => {
  const where = {
    all: [
      { attr: 'event.properties.brand', op: 'eq', value: 'acme' },
      { attr: 'event.properties.price', op: 'gt', value: 10 },
      { attr: 'profile.plan', op: 'eq', value: 'gold' },
    ],
  };

  it('pre-fills the properties the trigger filter tests, with values that pass it', () => {
    expect(propertiesFromFilter(where)).toEqual({ brand: 'acme', price: 11 });
    expect(
      prefillEntryEvent({ event: 'added_to_cart', where }, { name: 'order_completed', properties: { total: 3 } }),
    ).toEqual({ name: 'added_to_cart', properties: { brand: 'acme', price: 11 } });
    // The same event keeps what the marketer typed, so a failing value can be tried on purpose.
    expect(
      prefillEntryEvent({ event: 'added_to_cart', where }, { name: 'added_to_cart', properties: { brand: 'nike' } }),
    ).toEqual({ name: 'added_to_cart', properties: { brand: 'nike', price: 11 } });
  });

  it('tests the trigger filter against the entry event and the profile', () => {
    const now = '2027-01-01T00:00:00.000Z';
    expect(
      passesTriggerFilter(
        where,
        { name: 'added_to_cart', properties: { brand: 'acme', price: 11 } },
        { plan: 'gold' },
        now,
      ),
    ).toBe(true);
    expect(
      passesTriggerFilter(
        where,
        { name: 'added_to_cart', properties: { brand: 'nike', price: 11 } },
        { plan: 'gold' },
        now,
      ),
    ).toBe(false);
    expect(passesTriggerFilter(undefined, { name: 'x', properties: {} }, {}, now)).toBe(true);
  });
});

describe('simulated engagement and why', () => {
  const journey: DraftDocument = {
    name: 'Engaged',
    graph: {
      nodes: [
        { id: 't', type: 'trigger', data: { kind: 'event', event: 'signed_up' } },
        { id: 'hello', type: 'message', data: { channel: 'email', template: { subject: 'Hello', text: 'Hi' } } },
        { id: 'pause', type: 'delay', data: { duration: 'P1D' } },
        {
          id: 'opened',
          type: 'branch',
          data: { branches: [{ id: 'yes', label: 'Opened', condition: { message: 'hello', status: 'opened' } }] },
        },
        { id: 'x', type: 'exit', data: {} },
        { id: 'y', type: 'exit', data: {} },
      ],
      edges: [
        { source: 't', target: 'hello' },
        { source: 'hello', target: 'pause' },
        { source: 'pause', target: 'opened' },
        { source: 'opened', sourceHandle: 'yes', target: 'x' },
        { source: 'opened', sourceHandle: 'else', target: 'y' },
      ],
    },
    settings: {},
  };
  const words = journeyWords(journey.graph.nodes, builtinCatalog());
  const base = {
    profile: { userId: 'u', email: 'u@example.com' },
    trigger: { name: 'signed_up', properties: {} },
    start: '2027-01-01T00:00:00.000Z',
  };
  const why = (result: ReturnType<typeof runSimulation>['result']) =>
    result.steps.map((step) =>
      explainStep(
        step.outcome,
        journey.graph.nodes.find((n) => n.id === step.nodeId),
        words,
      ),
    );

  it('counts a scripted open for "opened <message>" conditions, and says why each step went the way it did', () => {
    const opened = runSimulation(journey, new Map(), { ...base, events: [engagementEvent('hello', 'opened')] }).result;
    expect(opened.steps.map((s) => s.nodeId)).toEqual(['t', 'hello', 'pause', 'opened', 'x']);
    expect(why(opened)).toEqual([
      'Entered the journey.',
      'Sent by Email.',
      'Waited 1 day.',
      'opened “Email: Hello” (met). Took “Opened”.',
      'Left the journey.',
    ]);
    const ignored = runSimulation(journey, new Map(), { ...base, events: [] }).result;
    expect(why(ignored)[3]).toBe('None of the paths matched: opened “Email: Hello” (not met). Took “Else”.');
  });

  it('lets an open happen only after the message is sent, at the scripted time after it', () => {
    const late = runSimulation(journey, new Map(), { ...base, events: [engagementEvent('hello', 'opened', 'P2D')] });
    const openedLate = late.result;
    expect(openedLate.steps.at(-1)?.nodeId).toBe('y');
    expect(late.highlight.edges.has('opened:else->y')).toBe(true);
    expect(openedLate.engagements).toEqual([{ nodeId: 'hello', status: 'opened', at: '2027-01-03T00:00:00.000Z' }]);
    expect(engagementWords(openedLate.engagements[0]!, 'Email: Hello')).toBe('Opened “Email: Hello”.');
    const neverSent = runSimulation(journey, new Map(), {
      ...base,
      profile: { userId: 'u' },
      events: [engagementEvent('hello', 'opened')],
    }).result;
    expect(neverSent.steps.at(-1)?.nodeId).toBe('y');
    expect(engagementWords(neverSent.engagements[0]!, 'Email: Hello')).toBe(
      '“Email: Hello” was never sent, so they could not open it.',
    );
  });

  it('says a message was skipped for want of an address', () => {
    const result = runSimulation(journey, new Map(), { ...base, profile: { userId: 'u' }, events: [] }).result;
    expect(why(result)[1]).toBe(
      'Skipped: no address or device for the channel (give the test profile an email, phone or device).',
    );
  });
});
