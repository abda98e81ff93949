/**
 * The activity interface the journey workflow calls; the engine implements it. Types only, so the
 * workflow bundle stays free of I/O code.
 */
import type { JourneyEvent } from '../interpreter/types.js';

export type { JourneyEvent };

/** Identifies one entry (one user's pass through one journey version). */
export interface EntryRef {
  workflowId: string;
  journeyId: string;
  version: number;
  userId: string;
}

/** An interpreter request handed to the engine, with its idempotency key. */
export interface ActivityRequest {
  entry: EntryRef;
  requestId: string;
  kind: string;
  idempotencyKey: string;
  payload: unknown;
}

export interface NodeMove {
  entry: EntryRef;
  nodeId: string;
  fromNodeId?: string;
  handle?: string;
  /** The move leaves a split: `handle` is the arm the entry took at `fromNodeId`. */
  split?: true;
  /** ISO instant. */
  at: string;
  /** Unique per (entry, node, visit): a replayed or retried record is stored once. */
  key: string;
}

export interface EntryEnd {
  entry: EntryRef;
  status: 'completed' | 'exited' | 'failed';
  reason: string;
  /** ISO instant. */
  at: string;
}

export interface EntryConversion {
  entry: EntryRef;
  /** ISO instant. */
  at: string;
  event: string;
  /** The last message node before the conversion, for attribution. */
  messageNodeId?: string;
  variant?: { nodeId: string; variantId: string };
}

export interface JourneyActivities {
  /** Performs one interpreter request (load profile, evaluate a data condition, send, update profile, custom step, choose variant). */
  perform(request: ActivityRequest): Promise<unknown>;
  recordMoves(moves: NodeMove[]): Promise<void>;
  recordConversion(conversion: EntryConversion): Promise<void>;
  endEntry(end: EntryEnd): Promise<void>;
}
