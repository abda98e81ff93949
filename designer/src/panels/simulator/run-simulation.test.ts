import { cartReminder } from '@waymark/workflows';
import { describe, expect, it } from 'vitest';
import { documentToGraph, graphToDocument, type JourneyDocument } from '../../store/document-graph';
import { runSimulation } from './run-simulation';

const document = graphToDocument(documentToGraph(cartReminder as JourneyDocument), cartReminder.name, cartReminder.settings);
const script = { profile: { userId: 'u1', devices: [{ platform: 'ios', token: 't' }] }, trigger: { name: 'added_to_cart', properties: { productId: 'p1', name: 'Tablet case' } }, start: '2027-01-01T00:00:00.000Z', events: [] };

describe('simulator', () => {
  it('walks a user who does not buy to the reminder and highlights the path', () => {
    const { result, highlight } = runSimulation(document, new Map(), script);
    expect(result.messages.map((m) => [m.nodeId, (m.rendered as { title: string }).title])).toEqual([['reminder', 'Still thinking about Tablet case?']]);
    expect([...highlight.nodes]).toEqual(expect.arrayContaining(['trigger', 'golden_time', 'reminder', 'done']));
    expect(highlight.edges.has('reminder:next->done')).toBe(true);
  });

  it('lets scripted events change the path', () => {
    const { result, highlight } = runSimulation(document, new Map(), { ...script, events: [{ name: 'order_completed', after: 'PT1H', properties: {} }] });
    expect(result.messages).toEqual([]);
    expect(highlight.nodes.has('reminder')).toBe(false);
  });
});
