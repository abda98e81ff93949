import { z } from 'zod';
import { nodeDataSchemas, type NodeType } from './nodes.js';

/** JSON Schema of each node type's `data`, as the designer's forms and `/api/steps` use it (input shape: defaults optional). */
export function nodeJsonSchemas(): Record<NodeType, unknown> {
  return Object.fromEntries(
    Object.entries(nodeDataSchemas).map(([type, schema]) => [
      type,
      z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }),
    ]),
  ) as Record<NodeType, unknown>;
}
