import { z } from 'zod';
import { attrPath, condition } from './condition.js';
import { isoDuration, localTime } from './duration.js';
import { timeZone } from './settings.js';
import { channelMessage } from './templates.js';

const eventName = z.string().trim().min(1, 'name the event').max(200);
const weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
/** Output handle ids: used in edges and in stats, so keep them simple. */
const handleId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'use letters, digits, "-" or "_" (at most 64)');

export const triggerData = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('event'), event: eventName, where: condition.optional() }),
  z.strictObject({ kind: z.literal('segment'), condition }),
  z
    .strictObject({
      kind: z.literal('schedule'),
      cron: z.string().min(1).optional(),
      at: z.iso.datetime({ offset: true }).optional(),
      timezone: timeZone.optional(),
      audience: condition.optional(),
    })
    .refine((data) => Boolean(data.cron) !== Boolean(data.at), {
      message: 'a schedule needs either cron or at (not both)',
      path: ['cron'],
    }),
  z.strictObject({ kind: z.literal('api') }),
]);

export const delayData = z.strictObject({ duration: isoDuration });

export const waitUntilData = z
  .strictObject({
    at: z.string().min(1).optional(),
    offset: isoDuration.optional(),
    localTime: localTime.optional(),
    days: z.array(weekday).min(1).optional(),
  })
  .refine((data) => Boolean(data.at || data.localTime || data.days), {
    message: 'say when: at, localTime or days',
    path: ['at'],
  });

/** One event, or action paths: several events (each with its own filter) and the entry leaves by the first that happens. */
export const waitForEventData = z.union([
  z.strictObject({ event: eventName, where: condition.optional(), timeout: isoDuration }).meta({ title: 'one event' }),
  z
    .strictObject({
      events: z
        .array(z.strictObject({ id: handleId, event: eventName, where: condition.optional() }))
        .min(1, 'list at least one event'),
      timeout: isoDuration,
    })
    .meta({ title: 'first of several (action paths)' }),
]);

/** Entry variables, readable as `vars.<name>`: a constant, a Liquid template, or `{ path }` (a value read as is, any type). */
const varName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'use letters, digits or "_" and start with a letter (at most 64)');
export const contextValue = z.union([
  z.string().meta({ title: 'text or Liquid' }),
  z.number().meta({ title: 'number' }),
  z.boolean().meta({ title: 'yes/no' }),
  z.strictObject({ path: attrPath }).meta({ title: 'path' }),
]);
export const contextData = z
  .strictObject({ set: z.record(varName, contextValue) })
  .refine((data) => Object.keys(data.set).length > 0, { message: 'set at least one variable', path: ['set'] });

export const branchData = z.strictObject({
  branches: z
    .array(z.strictObject({ id: handleId, label: z.string().optional(), condition }))
    .min(1, 'add at least one branch'),
});

export const splitData = z.strictObject({
  variants: z
    .array(z.strictObject({ id: handleId, label: z.string().optional(), weight: z.number().min(0).max(100) }))
    .min(2, 'a split needs at least two variants'),
  mode: z.enum(['fixed', 'optimize']).default('fixed'),
});

export const messageData = z.union([
  channelMessage.and(z.object({ transactional: z.boolean().optional() })),
  z.strictObject({
    channels: z.array(channelMessage).min(1, 'list at least one channel'),
    transactional: z.boolean().optional(),
  }),
]);

export const updateProfileData = z
  .strictObject({
    set: z.record(z.string(), z.unknown()).optional(),
    unset: z.array(z.string()).optional(),
    increment: z.record(z.string(), z.number()).optional(),
  })
  .refine((data) => Boolean(data.set || data.unset || data.increment), {
    message: 'set, unset or increment something',
    path: ['set'],
  });

export const customData = z.strictObject({
  step: z.string().min(1, 'name the step type'),
  config: z.record(z.string(), z.unknown()).default({}),
});

export const exitData = z.strictObject({});

/** Every built-in node type with its data schema (docs/journey-language.md#node-types). */
export const nodeDataSchemas = {
  trigger: triggerData,
  delay: delayData,
  waitUntil: waitUntilData,
  waitForEvent: waitForEventData,
  context: contextData,
  branch: branchData,
  split: splitData,
  message: messageData,
  updateProfile: updateProfileData,
  custom: customData,
  exit: exitData,
} as const;

export type NodeType = keyof typeof nodeDataSchemas;
export const nodeTypes = Object.keys(nodeDataSchemas) as NodeType[];
export type NodeData<T extends NodeType> = z.infer<(typeof nodeDataSchemas)[T]>;
/** A node's data as written (defaults optional), e.g. by the designer. */
export type NodeDataInput<T extends NodeType> = z.input<(typeof nodeDataSchemas)[T]>;

export type TriggerData = NodeData<'trigger'>;
export type DelayData = NodeData<'delay'>;
export type WaitUntilData = NodeData<'waitUntil'>;
export type WaitForEventData = NodeData<'waitForEvent'>;
export type ContextData = NodeData<'context'>;
export type BranchData = NodeData<'branch'>;
export type SplitData = NodeData<'split'>;
export type MessageData = NodeData<'message'>;
export type UpdateProfileData = NodeData<'updateProfile'>;
export type CustomData = NodeData<'custom'>;
