import { cartReminder } from '@waymark/workflows';
import { describe, expect, it } from 'vitest';
import type { JourneyDocument } from '../store/document-graph';
import { registryOf } from './step-registry';
import { fieldErrors, validate } from './validate';

describe('validate', () => {
  it('accepts the cart reminder and pins errors on nodes', () => {
    expect(validate(cartReminder as JourneyDocument, new Map()).errors).toEqual([]);
    const broken = { name: 'x', graph: { nodes: [{ id: 't', type: 'trigger', data: { kind: 'event', event: '' } }], edges: [] }, settings: {} };
    const result = validate(broken, new Map());
    expect(result.byNode.get('t')?.map((d) => d.code)).toContain('invalid_data');
    expect(fieldErrors(result.byNode.get('t'))).toEqual(new Map([['event', 'name the event.']]));
  });

  it('adds what only the engine can check (custom step configs), once', () => {
    const document = { name: 'x', graph: { nodes: [{ id: 't', type: 'trigger', data: { kind: 'api' } }], edges: [] }, settings: {} };
    const engineError = { code: 'invalid_data' as const, nodeId: 'c', path: 'list', message: 'Node "c", field list: required.' };
    expect(validate(document, new Map(), [engineError, engineError]).errors).toEqual([...validate(document, new Map()).errors, engineError]);
  });

  it('knows custom steps from the catalog, with their outputs', () => {
    const registry = registryOf([{ type: 'custom', step: 'crm', title: 'CRM', description: '', category: 'custom', builtin: false, outputs: ['ok', 'failed'], schema: {} }]);
    const document = {
      name: 'x',
      graph: {
        nodes: [{ id: 't', type: 'trigger', data: { kind: 'api' } }, { id: 'c', type: 'custom', data: { step: 'crm', config: {} } }, { id: 'x', type: 'exit', data: {} }],
        edges: [{ source: 't', target: 'c' }, { source: 'c', sourceHandle: 'ok', target: 'x' }],
      },
      settings: {},
    };
    expect(validate(document, registry).errors.map((e) => [e.code, e.handle])).toEqual([['unconnected_output', 'failed']]);
  });
});
