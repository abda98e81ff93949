import { CronExpressionParser } from 'cron-parser';
import type { z } from 'zod';
import type { Condition } from '../schema/condition.js';
import { awaitedEvents } from '../schema/awaited-events.js';
import { nodeDataSchemas, type NodeData, type NodeType } from '../schema/nodes.js';
import type { ChannelMessage } from '../schema/templates.js';
import type { StepRegistry } from '../steps/registry.js';
import { SIMPLE_EXPRESSION } from '../interpreter/interpreter.js';
import { hasLiquid, liquidLimitError, liquidParseError } from '../templates/liquid.js';
import type { Diagnostic } from './diagnostics.js';
import { segmentConditionProblems } from './segment-condition.js';

const pathOf = (path: readonly PropertyKey[]): string => path.map(String).join('.');

/** Diagnostics for each zod issue, pointing at the node and field. */
export function zodIssues(error: z.ZodError, nodeId: string, prefix: readonly PropertyKey[] = []): Diagnostic[] {
  return error.issues.map((issue) => {
    const path = pathOf([...prefix, ...issue.path]);
    return {
      code: 'invalid_data',
      nodeId,
      ...(path ? { path } : {}),
      message: `Node "${nodeId}"${path ? `, field ${path}` : ''}: ${issue.message}.`,
    };
  });
}

export interface CheckedNode {
  type: NodeType;
  data: unknown;
}

/** Validates one node's data against its type (and a custom step's config schema); returns the parsed data when valid. */
export function checkNodeData(
  node: { id: string; type: string; data: unknown },
  steps: StepRegistry,
  production: boolean,
  errors: Diagnostic[],
): CheckedNode | undefined {
  if (!(node.type in nodeDataSchemas)) {
    errors.push({
      code: 'unknown_node_type',
      nodeId: node.id,
      message: `Node "${node.id}" has unknown type "${node.type}"; use one of ${Object.keys(nodeDataSchemas).join(', ')}.`,
    });
    return undefined;
  }
  const type = node.type as NodeType;
  const parsed = nodeDataSchemas[type].safeParse(node.data);
  if (!parsed.success) {
    errors.push(...zodIssues(parsed.error, node.id));
    return undefined;
  }
  const before = errors.length;
  const data = parsed.data;
  switch (type) {
    case 'custom':
      checkCustom(node.id, data as NodeData<'custom'>, steps, errors);
      break;
    case 'message':
      checkMessage(node.id, data as NodeData<'message'>, production, errors);
      break;
    case 'waitUntil':
      checkAt(node.id, (data as NodeData<'waitUntil'>).at, errors);
      break;
    case 'updateProfile':
      for (const [key, value] of Object.entries((data as NodeData<'updateProfile'>).set ?? {})) {
        if (typeof value === 'string') checkLiquid(node.id, `set.${key}`, value, errors);
      }
      break;
    case 'context':
      for (const [name, value] of Object.entries((data as NodeData<'context'>).set)) {
        if (typeof value === 'string') checkLiquid(node.id, `set.${name}`, value, errors);
      }
      break;
    case 'waitForEvent': {
      const wait = data as NodeData<'waitForEvent'>;
      if ('events' in wait)
        checkUniqueIds(
          node.id,
          'events',
          wait.events.map((path) => path.id),
          errors,
          ['timeout'],
        );
      break;
    }
    case 'split':
      checkSplit(node.id, data as NodeData<'split'>, errors);
      break;
    case 'branch':
      checkUniqueIds(
        node.id,
        'branches',
        (data as NodeData<'branch'>).branches.map((b) => b.id),
        errors,
        ['else'],
      );
      break;
    case 'trigger': {
      const trigger = data as NodeData<'trigger'>;
      checkSchedule(node.id, trigger, errors);
      if (trigger.kind === 'segment')
        for (const problem of segmentConditionProblems(trigger.condition, 'condition'))
          errors.push({
            code: 'invalid_data',
            nodeId: node.id,
            path: problem.path,
            message: `Node "${node.id}", field ${problem.path}: ${problem.message}.`,
          });
      break;
    }
    default:
      break;
  }
  return errors.length === before ? { type, data } : undefined;
}

function checkCustom(nodeId: string, data: NodeData<'custom'>, steps: StepRegistry, errors: Diagnostic[]): void {
  const step = steps.get(data.step);
  if (!step) {
    const known = [...steps.keys()];
    errors.push({
      code: 'unknown_step',
      nodeId,
      path: 'step',
      message: `Node "${nodeId}" uses custom step "${data.step}", which is not registered${known.length ? `; registered: ${known.join(', ')}` : ''}.`,
    });
    return;
  }
  const config = step.config.safeParse(data.config);
  if (!config.success) errors.push(...zodIssues(config.error, nodeId, ['config']));
}

function messagesOf(data: NodeData<'message'>): { message: ChannelMessage; prefix: string }[] {
  return 'channels' in data
    ? data.channels.map((message, i) => ({ message, prefix: `channels.${i}.template` }))
    : [{ message: data, prefix: 'template' }];
}

function checkMessage(nodeId: string, data: NodeData<'message'>, production: boolean, errors: Diagnostic[]): void {
  for (const { message, prefix } of messagesOf(data)) {
    const walk = (value: unknown, path: string): void => {
      if (typeof value === 'string') checkLiquid(nodeId, path, value, errors);
      else if (value && typeof value === 'object')
        for (const [key, inner] of Object.entries(value)) walk(inner, `${path}.${key}`);
    };
    walk(message.template, prefix);
    if (
      message.channel === 'webhook' &&
      production &&
      !hasLiquid(message.template.url) &&
      !message.template.url.startsWith('https://')
    ) {
      errors.push({
        code: 'insecure_webhook',
        nodeId,
        path: `${prefix}.url`,
        message: `Node "${nodeId}": webhook URLs must use https:// in production.`,
      });
    }
  }
}

function checkLiquid(nodeId: string, path: string, source: string, errors: Diagnostic[]): void {
  const limit = liquidLimitError(source);
  if (limit) {
    errors.push({
      code: 'template_limit',
      nodeId,
      path,
      message: `Node "${nodeId}", field ${path}: ${limit}; every send of it would fail.`,
    });
    return;
  }
  const problem = liquidParseError(source);
  if (problem)
    errors.push({
      code: 'invalid_liquid',
      nodeId,
      path,
      message: `Node "${nodeId}", field ${path}: the Liquid template does not parse (${problem}).`,
    });
}

function checkAt(nodeId: string, at: string | undefined, errors: Diagnostic[]): void {
  if (at === undefined) return;
  if (hasLiquid(at)) {
    // The workflow resolves `at` without a Liquid engine (deterministic sandbox): a path, no filters.
    if (!SIMPLE_EXPRESSION.test(at.trim())) {
      errors.push({
        code: 'invalid_instant',
        nodeId,
        path: 'at',
        message: `Node "${nodeId}", field at: use a single path such as {{ event.properties.purchasedAt }} (no filters or text around it); add time with offset.`,
      });
    }
    return;
  }
  if (Number.isNaN(Date.parse(at)) || !/^\d{4}-\d{2}-\d{2}T/.test(at)) {
    errors.push({
      code: 'invalid_instant',
      nodeId,
      path: 'at',
      message: `Node "${nodeId}", field at: "${at}" is neither an ISO instant (2027-02-03T10:00:00Z) nor a Liquid expression ({{ event.properties.purchasedAt }}).`,
    });
  }
}

function checkSplit(nodeId: string, data: NodeData<'split'>, errors: Diagnostic[]): void {
  checkUniqueIds(
    nodeId,
    'variants',
    data.variants.map((v) => v.id),
    errors,
  );
  const total = data.variants.reduce((sum, v) => sum + v.weight, 0);
  if (Math.abs(total - 100) > 1e-6) {
    errors.push({
      code: 'split_weights',
      nodeId,
      path: 'variants',
      message: `Node "${nodeId}": variant weights add up to ${total}; make them add up to 100.`,
    });
  }
}

function checkUniqueIds(
  nodeId: string,
  field: string,
  ids: string[],
  errors: Diagnostic[],
  reserved: string[] = [],
): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id) || reserved.includes(id)) {
      errors.push({
        code: 'duplicate_output_id',
        nodeId,
        path: `${field}.${i}.id`,
        message: `Node "${nodeId}": output id "${id}" is ${reserved.includes(id) ? 'reserved' : 'used twice'}; give each output its own id.`,
      });
    }
    seen.add(id);
  });
}

function checkSchedule(nodeId: string, data: NodeData<'trigger'>, errors: Diagnostic[]): void {
  if (data.kind !== 'schedule' || !data.cron) return;
  try {
    CronExpressionParser.parse(data.cron, data.timezone ? { tz: data.timezone } : {});
  } catch (error) {
    errors.push({
      code: 'invalid_cron',
      nodeId,
      path: 'cron',
      message: `Node "${nodeId}": "${data.cron}" is not a cron expression (${(error as Error).message}); e.g. "0 10 * * 1" for Mondays at 10:00.`,
    });
  }
}

/** Conditions inside a node's data, for cross-node checks (message conditions naming message nodes). */
export function conditionsOf(type: NodeType, data: unknown): Condition[] {
  switch (type) {
    case 'branch':
      return (data as NodeData<'branch'>).branches.map((b) => b.condition);
    case 'waitForEvent':
      return awaitedEvents(data as NodeData<'waitForEvent'>).flatMap((path) => (path.where ? [path.where] : []));
    case 'trigger': {
      const trigger = data as NodeData<'trigger'>;
      if (trigger.kind === 'event') return trigger.where ? [trigger.where] : [];
      if (trigger.kind === 'segment') return [trigger.condition];
      if (trigger.kind === 'schedule') return trigger.audience ? [trigger.audience] : [];
      return [];
    }
    default:
      return [];
  }
}
