import { builtinSteps, nodeJsonSchemas, type NodeType } from '@waymark/workflows';
import { Router } from 'express';
import { z } from 'zod';
import { noQuery } from '../http/validate.js';
import type { CustomSteps } from './registry.js';

/** GET /api/steps: every node type with its JSON Schema and outputs, custom steps included (drives the palette and forms). */
export function stepsRoutes(steps: CustomSteps): Router {
  const router = Router();
  const schemas = nodeJsonSchemas();
  const body = {
    steps: [
      ...(Object.entries(builtinSteps) as [NodeType, (typeof builtinSteps)[NodeType]][])
        .filter(([type]) => type !== 'custom')
        .map(([type, meta]) => ({ type, ...meta, builtin: true, schema: schemas[type] })),
      ...[...steps.values()].map((step) => ({
        type: 'custom',
        step: step.type,
        title: step.title,
        description: step.description,
        category: 'custom',
        builtin: false,
        outputs: step.outputs,
        schema: z.toJSONSchema(step.config, { io: 'input', unrepresentable: 'any' }),
      })),
    ],
  };
  router.get('/steps', noQuery, (_req, res) => void res.json(body));
  return router;
}
