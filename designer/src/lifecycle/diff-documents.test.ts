import { describe, expect, it } from 'vitest';
import type { JourneyDocument } from '../store/document-graph';
import { diffDocuments } from './diff-documents';

const v1: JourneyDocument = {
  name: 'Cart',
  graph: {
    nodes: [{ id: 't', type: 'trigger', data: { kind: 'event', event: 'a' }, position: { x: 0, y: 0 } }, { id: 'd', type: 'delay', data: { duration: 'P1D' } }, { id: 'x', type: 'exit', data: {} }],
    edges: [{ source: 't', target: 'd' }, { source: 'd', sourceHandle: 'next', target: 'x' }],
  },
  settings: { reentry: 'never' },
};

describe('diffDocuments', () => {
  it('lists added, removed and changed steps, ignoring positions and key order', () => {
    const v2: JourneyDocument = {
      ...v1,
      graph: {
        nodes: [{ id: 't', type: 'trigger', data: { event: 'a', kind: 'event' }, position: { x: 50, y: 9 } }, { id: 'd', type: 'delay', data: { duration: 'P2D' } }, { id: 'm', type: 'exit', data: {} }],
        edges: [{ source: 't', sourceHandle: 'next', target: 'd' }, { source: 'd', target: 'm' }],
      },
    };
    expect(diffDocuments(v1, v2)).toEqual({ added: ['m'], removed: ['x'], changed: ['d'], connectionsChanged: true, settingsChanged: false, renamed: false });
  });

  it('treats a first publish as all new', () => {
    expect(diffDocuments(undefined, v1)).toMatchObject({ added: ['t', 'd', 'x'], removed: [], connectionsChanged: true, settingsChanged: true });
    expect(diffDocuments(v1, { ...v1, name: 'New' })).toMatchObject({ added: [], changed: [], connectionsChanged: false, settingsChanged: false, renamed: true });
  });
});
