import type { DraftDocument } from '@waymark/workflows/api';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import type { WaymarkApi } from '../api/waymark-api';
import { builtinCatalog } from '../steps/catalog';
import { PublishDialog } from './PublishDialog';

afterEach(cleanup);

const v1: DraftDocument = {
  name: 'Cart',
  graph: {
    nodes: [
      { id: 't', type: 'trigger', data: { kind: 'event', event: 'added_to_cart' } },
      { id: 'd', type: 'delay', data: { duration: 'P1D' } },
      { id: 'x', type: 'exit', data: {} },
    ],
    edges: [
      { source: 't', target: 'd' },
      { source: 'd', target: 'x' },
    ],
  },
  settings: {},
};
const draft: DraftDocument = {
  ...v1,
  graph: {
    nodes: [
      ...v1.graph.nodes.filter((node) => node.id === 't'),
      { id: 'd', type: 'delay', data: { duration: 'P2D' } },
      { id: 'm', type: 'exit', data: {} },
    ],
    edges: [
      { source: 't', target: 'd' },
      { source: 'd', target: 'm' },
    ],
  },
  settings: { goal: { event: 'order_completed' } },
};

function renderDialog(getVersion: () => Promise<unknown>, document = draft, calls: unknown[] = []) {
  const published: number[] = [];
  const api = {
    getVersion,
    publishJourney: (...args: unknown[]) => (calls.push(args), Promise.resolve({ version: 2 })),
  } as unknown as WaymarkApi;
  render(
    <PublishDialog
      api={api}
      journeyId="cart"
      version={1}
      draft={document}
      beforePublish={() => Promise.resolve()}
      onPublished={(version) => published.push(version)}
      onClose={() => undefined}
      catalog={builtinCatalog()}
    />,
  );
  return published;
}

const publishButton = () => screen.getByRole<HTMLButtonElement>('button', { name: 'Publish', hidden: true });

describe('publish dialog', () => {
  it('lists what changed since the last version, field by field and in words, then publishes', async () => {
    const published = renderDialog(() => Promise.resolve({ version: 1, document: v1 }));
    await screen.findByText(/^Adds/);
    const list = document.querySelector('.publish__changes')!;
    expect([...list.children].map((item) => item.textContent)).toEqual([
      'Adds “Leave the journey”',
      'Removes “Leave the journey”',
      'Changes “Wait 2 days”Duration: 1 day → 2 days',
      'Connects “Wait 2 days” → “Leave the journey”',
      'Disconnects “Wait 1 day” → “Leave the journey”',
      'Changes journey settingsGoal: — → event: "order_completed"',
    ]);
    fireEvent.click(publishButton());
    await waitFor(() => expect(published).toEqual([2]));
  });

  it('offers a segment journey to also enter everyone who matches now', async () => {
    const calls: unknown[] = [];
    const segment = {
      ...draft,
      graph: {
        ...draft.graph,
        nodes: [
          {
            id: 't',
            type: 'trigger',
            data: { kind: 'segment', condition: { attr: 'profile.tier', op: 'eq', value: 'gold' } },
          },
          ...draft.graph.nodes.slice(1),
        ],
      },
    };
    const published = renderDialog(() => Promise.resolve({ version: 1, document: v1 }), segment, calls);
    await screen.findByText(/^Adds/);
    fireEvent.click(screen.getByLabelText(/Also enter everyone who matches the segment now/));
    fireEvent.click(publishButton());
    await waitFor(() => expect(published).toEqual([2]));
    expect(calls).toEqual([['cart', { enterMatching: true }]]);
  });

  it('does not offer it for other triggers', async () => {
    const calls: unknown[] = [];
    renderDialog(() => Promise.resolve({ version: 1, document: v1 }), draft, calls);
    await screen.findByText(/^Adds/);
    expect(screen.queryByLabelText(/Also enter everyone/)).toBeNull();
    fireEvent.click(publishButton());
    await waitFor(() => expect(calls).toEqual([['cart', { enterMatching: false }]]));
  });

  it('says the comparison failed rather than listing every step as new, and still publishes', async () => {
    const published = renderDialog(() => Promise.reject(new ApiError(404, 'not_found', 'No version 1')));
    expect((await screen.findByRole('alert', { hidden: true })).textContent).toBe(
      'Could not load version 1 to compare: No version 1',
    );
    expect(screen.queryByText(/^Adds/)).toBeNull();
    fireEvent.click(publishButton());
    await waitFor(() => expect(published).toEqual([2]));
  });
});
