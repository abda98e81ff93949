import { z } from 'zod';
import { completionReasons } from '../interpreter/types.js';
import { engagementStatuses } from '../schema/condition.js';
import { channels } from '../schema/templates.js';
import { contactPolicyChecks, type SimulationResult } from '../simulator/simulate.js';
import { instant, jsonObject } from './common.js';
import { diagnostic } from './diagnostics.js';

const simulatedEvent = z.object({ name: z.string(), properties: jsonObject.default({}), timestamp: instant });

/** `POST /api/journeys/:id/simulate`: the draft (or a version) for a test profile on a virtual clock. */
export const simulateBody = z.object({
  profile: jsonObject.default({}),
  trigger: simulatedEvent.optional(),
  events: z.array(simulatedEvent).default([]),
  start: instant.optional(),
  /** Answers to requests by node id (custom steps, data conditions), as the simulator takes them. */
  answers: jsonObject.optional(),
  /** Simulate a published version instead of the draft. */
  version: z.number().int().positive().optional(),
});

/** The simulator's trace (workflows/src/simulator/simulate.ts). */
export const simulationResult = z.object({
  steps: z.array(
    z.object({
      nodeId: z.string(),
      at: instant,
      outcome: z.string(),
      /** On a message step: the contact-policy checks the simulator assumed the send passed. */
      assumedAllowed: z.array(z.enum(contactPolicyChecks)).optional(),
    }),
  ),
  messages: z.array(
    z.object({
      nodeId: z.string(),
      at: instant,
      channel: z.enum(channels),
      rendered: z.unknown().optional(),
      errors: z
        .array(z.object({ field: z.string(), message: z.string(), code: z.literal('template_limit').optional() }))
        .optional(),
    }),
  ),
  conversions: z.array(
    z.object({
      at: instant,
      event: z.string(),
      messageNodeId: z.string().optional(),
      variant: z.object({ nodeId: z.string(), variantId: z.string() }).optional(),
    }),
  ),
  /** Scripted engagement with the journey's messages that happened (once the message was sent). */
  engagements: z.array(z.object({ nodeId: z.string(), status: z.enum(engagementStatuses), at: instant.optional() })),
  end: z.object({
    reason: z.enum([...completionReasons, 'waiting', 'invalid']),
    at: instant,
    nodeId: z.string().optional(),
    until: instant.optional(),
  }),
  errors: z.array(diagnostic).optional(),
}) satisfies z.ZodType<SimulationResult>;

export type SimulateRequest = z.input<typeof simulateBody>;
