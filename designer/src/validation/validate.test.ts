import type { DraftDocument } from '@waymark/workflows/api';
import { cartReminder } from '@waymark/workflows';
import { describe, expect, it } from 'vitest';
import { registryOf } from './step-registry';
import { diagnosticSentence } from '../words/diagnostics';
import { fieldErrors, validate } from './validate';

describe('validate', () => {
  it('accepts the cart reminder and pins errors on nodes', () => {
    expect(validate(cartReminder as DraftDocument, new Map()).errors).toEqual([]);
    const broken = {
      name: 'x',
      graph: { nodes: [{ id: 't', type: 'trigger', data: { kind: 'event', event: '' } }], edges: [] },
      settings: {},
    };
    const result = validate(broken, new Map());
    expect(result.byNode.get('t')?.map((d) => d.code)).toContain('invalid_data');
    expect(fieldErrors(result.byNode.get('t'))).toEqual(new Map([['event', 'Name the event.']]));
  });

  it('lists the errors of the settings and of the steps at once', () => {
    const document = {
      name: 'x',
      graph: { nodes: [{ id: 't', type: 'trigger', data: { kind: 'event', event: '' } }], edges: [] },
      settings: { goal: { event: '' } },
    };
    const result = validate(document, new Map());
    expect(result.errors.map((e) => [e.code, e.path])).toEqual([
      ['invalid_document', 'settings.goal.event'],
      ['invalid_data', 'event'],
    ]);
    expect(diagnosticSentence(result.errors[0]!)).toBe('Goal event: name the goal event.');
  });

  it('does not warn that steps after a broken one cannot be reached', () => {
    const split = {
      variants: [
        { id: 'a', weight: 50 },
        { id: 'b', weight: 60 },
      ],
    };
    const document = {
      name: 'x',
      graph: {
        nodes: [
          { id: 't', type: 'trigger', data: { kind: 'api' } },
          { id: 's', type: 'split', data: split },
          { id: 'x', type: 'exit', data: {} },
          { id: 'y', type: 'exit', data: {} },
          { id: 'lost', type: 'exit', data: {} },
        ],
        edges: [
          { source: 't', target: 's' },
          { source: 's', sourceHandle: 'a', target: 'x' },
          { source: 's', sourceHandle: 'b', target: 'y' },
        ],
      },
      settings: {},
    };
    const result = validate(document, new Map());
    expect(result.errors.map((e) => e.code)).toEqual(['split_weights']);
    expect(result.warnings.map((w) => [w.code, w.nodeId])).toEqual([['unreachable_node', 'lost']]);
  });

  it('says problems in sentences, naming steps as people know them', () => {
    const labels = new Map([['message_1', 'Push: Hello']]);
    const unreachable = {
      code: 'unreachable_node' as const,
      nodeId: 'message_1',
      message: 'Node "message_1" cannot be reached from the trigger; connect it or delete it.',
    };
    expect(diagnosticSentence(unreachable, (id) => labels.get(id))).toBe(
      'Cannot be reached from the trigger; connect it or delete it.',
    );
    const loop = {
      code: 'cycle_without_wait' as const,
      nodeId: 'message_1',
      message: 'Nodes "message_1" -> "x" form a loop.',
    };
    expect(diagnosticSentence(loop, (id) => labels.get(id))).toBe('Nodes “Push: Hello” -> "x" form a loop.');
    expect(
      diagnosticSentence({
        code: 'unconnected_output',
        nodeId: 'b',
        handle: 'timeout',
        message: 'Output "timeout" of node "b" is not connected; connect it to the next step (or an Exit).',
      }),
    ).toBe('The “timeout” arrow is not connected: connect it to the next step (or an Exit).');
  });

  it('adds what only the engine can check (custom step configs), once', () => {
    const document = {
      name: 'x',
      graph: { nodes: [{ id: 't', type: 'trigger', data: { kind: 'api' } }], edges: [] },
      settings: {},
    };
    const engineError = {
      code: 'invalid_data' as const,
      nodeId: 'c',
      path: 'list',
      message: 'Node "c", field list: required.',
    };
    expect(validate(document, new Map(), [engineError, engineError]).errors).toEqual([
      ...validate(document, new Map()).errors,
      engineError,
    ]);
  });

  it('knows custom steps from the catalog, with their outputs', () => {
    const registry = registryOf([
      {
        type: 'custom',
        step: 'crm',
        title: 'CRM',
        description: '',
        category: 'custom',
        builtin: false,
        outputs: ['ok', 'failed'],
        schema: {},
      },
    ]);
    const document = {
      name: 'x',
      graph: {
        nodes: [
          { id: 't', type: 'trigger', data: { kind: 'api' } },
          { id: 'c', type: 'custom', data: { step: 'crm', config: {} } },
          { id: 'x', type: 'exit', data: {} },
        ],
        edges: [
          { source: 't', target: 'c' },
          { source: 'c', sourceHandle: 'ok', target: 'x' },
        ],
      },
      settings: {},
    };
    expect(validate(document, registry).errors.map((e) => [e.code, e.handle])).toEqual([
      ['unconnected_output', 'failed'],
    ]);
  });
});
