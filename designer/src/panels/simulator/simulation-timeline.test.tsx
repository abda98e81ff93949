import { cleanup, render, screen } from '@testing-library/react';
import { simulate } from '@waymark/workflows';
import { afterEach, describe, expect, it } from 'vitest';
import { EditorContext, type EditorContextValue } from '../../canvas/editor-context';
import { builtinCatalog } from '../../steps/catalog';
import { createJourneyStore } from '../../store/journey-store';
import { journeyWords } from '../../words/journey-words';
import { SimulationTimeline } from './SimulationTimeline';

afterEach(cleanup);

const journey = {
  name: 'Welcome',
  graph: {
    nodes: [
      { id: 't', type: 'trigger', data: { kind: 'event', event: 'signed_up' }, position: { x: 0, y: 0 } },
      {
        id: 'hello',
        type: 'message',
        data: { channel: 'email', template: { subject: 'Hello', text: 'Hi' } },
        position: { x: 0, y: 100 },
      },
      { id: 'x', type: 'exit', data: {}, position: { x: 0, y: 200 } },
    ],
    edges: [
      { source: 't', target: 'hello' },
      { source: 'hello', target: 'x' },
    ],
  },
  settings: {},
};

function renderTimeline(profile: Record<string, unknown>) {
  const store = createJourneyStore();
  store.getState().load(journey);
  const editor = { store, words: journeyWords(journey.graph.nodes, builtinCatalog()) } as unknown as EditorContextValue;
  const result = simulate(journey, { profile, trigger: { name: 'signed_up', timestamp: '2027-01-01T00:00:00.000Z' } });
  render(
    <EditorContext.Provider value={editor}>
      <SimulationTimeline result={result} zones={[]} />
    </EditorContext.Provider>,
  );
}

describe('the simulation timeline', () => {
  it('says on a sent message that the contact policy was assumed to allow it', () => {
    renderTimeline({ userId: 'u', email: 'u@example.com' });
    const step = screen.getByText('Sent by Email.').closest('li')!;
    expect(step.textContent).toContain(
      'Assumed allowed by the contact policy (consent, quiet hours and frequency caps): a real send checks with live data and may skip or hold it.',
    );
    expect(screen.getAllByText(/Assumed allowed/)).toHaveLength(1);
  });

  it('assumes nothing where the profile decides (no address)', () => {
    renderTimeline({ userId: 'u' });
    expect(screen.getByText(/^Skipped:/)).toBeTruthy();
    expect(screen.queryByText(/Assumed allowed/)).toBeNull();
  });
});
