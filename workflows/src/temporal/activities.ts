/**
 * The activity interface the journey workflow calls; the engine implements it. Types only, so the
 * workflow bundle stays free of I/O code.
 */
import type { JourneyEvent, RequestKind, RequestPayloads, RequestResults } from '../interpreter/types.js';

export type { JourneyEvent };

/** Identifies one entry (one user's pass through one journey version). */
export interface EntryRef {
  workflowId: string;
  journeyId: string;
  version: number;
  userId: string;
}

/**
 * An interpreter request handed to the engine: its kind decides its payload and its result
 * (`RequestPayloads`, `RequestResults`). `ActivityRequest<'send'>` is one kind, `ActivityRequest` any.
 */
export type ActivityRequest<K extends RequestKind = RequestKind> = {
  [P in K]: {
    entry: EntryRef;
    kind: P;
    /** The node that asks. */
    nodeId: string;
    /** `<nodeId>:<visit>:<kind>`: which request of the entry this answers. */
    requestId: string;
    idempotencyKey: string;
    payload: RequestPayloads[P];
    /** Moves not recorded yet, up to the asking node: recorded before the request is performed. */
    moves?: NodeMove[];
    /**
     * A send after which the entry only moves on and ends (driver revision 2): the activity records this end
     * with the send, unless the answer holds the entry (`holdsEntry`), and says so in its result.
     */
    ending?: Omit<EntryEnd, 'entry'>;
  };
}[K];

/** What `perform` answers: the request's result; a send's also says whether it recorded the `ending` it was handed. */
export type PerformResult<K extends RequestKind> = K extends 'send'
  ? RequestResults['send'] & { endRecorded?: true }
  : RequestResults[K];

/**
 * A request as workflows recorded it before `nodeId` was passed: one scheduled then and retried after an
 * upgrade still arrives in this shape (its node is the first part of `requestId`).
 */
export type RecordedActivityRequest = { [K in RequestKind]: Omit<ActivityRequest<K>, 'nodeId'> }[RequestKind];

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
  /** Moves not recorded yet, up to the node the entry ends at: recorded with the end, in one activity. */
  moves?: NodeMove[];
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
  perform<K extends RequestKind>(request: ActivityRequest<K>): Promise<PerformResult<K>>;
  recordMoves(moves: NodeMove[]): Promise<void>;
  recordConversion(conversion: EntryConversion): Promise<void>;
  endEntry(end: EntryEnd): Promise<void>;
}
