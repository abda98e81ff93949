import { builtinSteps, nodeJsonSchemas, type NodeType } from '@waymark/workflows';
import type { StepInfo as ApiStepInfo } from '@waymark/workflows/api';
import type { JsonSchema } from '../panels/schema-form/json-schema';

/** One palette entry, as `GET /api/steps` lists it, its `schema` read as the forms read JSON Schema. */
export type StepInfo = Omit<ApiStepInfo, 'schema'> & { schema: JsonSchema };

export type StepCatalog = readonly StepInfo[];

/** The palette without an engine: the built-in node types and schemas of @waymark/workflows. */
export function builtinCatalog(): StepCatalog {
  const schemas = nodeJsonSchemas();
  return (Object.keys(builtinSteps) as NodeType[])
    .filter((type) => type !== 'custom')
    .map((type) => ({ type, ...builtinSteps[type], builtin: true, schema: schemas[type] as JsonSchema }));
}

/** The catalog entry that describes a node (custom nodes by their step name). */
export function stepOf(
  catalog: StepCatalog,
  node: { type?: string; data?: Record<string, unknown> },
): StepInfo | undefined {
  if (node.type === 'custom') return catalog.find((info) => info.type === 'custom' && info.step === node.data?.step);
  return catalog.find((info) => info.type === node.type);
}

/** Stable key of a palette entry (drag payload, React key). */
export const stepKey = (info: Pick<StepInfo, 'type' | 'step'>): string =>
  info.step ? `custom:${info.step}` : info.type;
