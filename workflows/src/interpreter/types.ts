import type { DataAnswers, DataCondition } from '../conditions/evaluate.js';
import type { NodeData } from '../schema/nodes.js';

/** An event as the engine delivers it (signal `event`). */
export interface JourneyEvent {
  name: string;
  properties: Record<string, unknown>;
  /** ISO instant. */
  timestamp: string;
  messageId: string;
}

/** An event kept in state: ids and time always, properties only when a condition reads them. */
export interface KeptEvent {
  name: string;
  messageId: string;
  timestamp: string;
  properties?: Record<string, unknown>;
}

export interface PathStep {
  /** Position in the whole path, which only keeps its newest steps. */
  seq: number;
  nodeId: string;
  /** ISO instant. */
  at: string;
  /** What happened there: `entered`, `waited`, `matched`, `timeout`, a branch/variant id, `sent:email`, ... */
  outcome: string;
}

export interface Wait {
  nodeId: string;
  /** ISO instant the wait ends (timeout for waitForEvent). */
  until: string;
  /** For waitForEvent: the event waited for. */
  event?: string;
  /** For waitForEvent with action paths (`events`): the events waited for; the first that happens decides. */
  events?: string[];
  /** At a message node the contact policy deferred (quiet hours): send again when the wait ends. */
  resend?: true;
}

/** Requests are answered by the driver: an activity in Temporal, a script in the simulator. */
export type RequestKind =
  'loadProfile' | 'evaluate' | 'send' | 'updateProfile' | 'custom' | 'chooseVariant' | 'renderVars';

/** What templates and conditions read of the entry besides the profile. */
export type EntryTrigger = KeptEvent & { properties: Record<string, unknown> };

export interface RequestPayloads {
  loadProfile: Record<string, never>;
  /** `trigger` and `vars` for `valueFrom` paths inside history filters (absent in entries started before them). */
  evaluate: { conditions: DataCondition[]; enteredAt: string; trigger?: EntryTrigger; vars?: Record<string, unknown> };
  send: {
    message: NodeData<'message'>;
    transactional: boolean;
    /** The journey's contact policy: `bypass` skips quiet hours and frequency caps (never consent). */
    contactPolicy: 'default' | 'bypass';
    /** The journey's time zone, for users whose profile has none (quiet hours). */
    timezone?: string;
    /** The journey's rate limit: messages a minute across all workers. */
    rateLimit?: { perMinute: number };
    trigger: EntryTrigger;
    /** Entry variables for templates (absent in entries started before they existed). */
    vars?: Record<string, unknown>;
    /** Asked again after the contact policy deferred it: the outbox has its entry under the same key. */
    again?: true;
  };
  updateProfile: { update: NodeData<'updateProfile'>; trigger: EntryTrigger; vars?: Record<string, unknown> };
  custom: { step: string; config: Record<string, unknown>; trigger: EntryTrigger };
  chooseVariant: { variants: NodeData<'split'>['variants'] };
  /** A `context` node's Liquid values, rendered against the entry as it was before the node. */
  renderVars: {
    templates: Record<string, string>;
    context: { profile: Record<string, unknown>; trigger: EntryTrigger; vars: Record<string, unknown> };
  };
}

export interface RequestResults {
  /** The profile context: traits flattened with userId, email, phone, timezone. */
  loadProfile: Record<string, unknown>;
  evaluate: DataAnswers;
  /** `deferred` comes with `until`: the entry waits at the message node and sends again then. */
  send: { status: string; channel?: string; reason?: string; until?: string };
  updateProfile: Record<string, unknown>;
  custom: { output?: string; profile?: Record<string, unknown> };
  chooseVariant: string;
  renderVars: Record<string, string>;
}

export type Request = {
  [K in RequestKind]: {
    type: 'request';
    kind: K;
    requestId: string;
    nodeId: string;
    idempotencyKey: string;
    payload: RequestPayloads[K];
    summary: string;
  };
}[RequestKind];

export type Command =
  /** `split`: the move leaves a split node, so `handle` is the arm this entry took there. */
  | { type: 'moved'; nodeId: string; fromNodeId?: string; handle?: string; split?: true; at: string; key: string }
  | { type: 'sleepUntil'; nodeId: string; until: string; summary: string }
  | { type: 'waitForEvents'; nodeId: string; events: string[]; until: string; summary: string }
  | Request
  | {
      type: 'converted';
      at: string;
      event: string;
      messageNodeId?: string;
      variant?: { nodeId: string; variantId: string };
    }
  | { type: 'complete'; reason: CompletionReason; at: string };

export type MovedCommand = Extract<Command, { type: 'moved' }>;
export type CompleteCommand = Extract<Command, { type: 'complete' }>;

/** The moves and the end that follow a send's answer (`endAfterSend`). */
export interface EndAfterSend {
  moves: MovedCommand[];
  end: CompleteCommand;
}

export const completionReasons = ['exit', 'exitOn', 'goal', 'operator', 'step_limit', 'missing_node'] as const;
export type CompletionReason = (typeof completionReasons)[number];

export type Input =
  | { type: 'start'; now: string }
  | { type: 'timer'; now: string }
  | { type: 'event'; event: JourneyEvent; now: string }
  | { type: 'answer'; requestId: string; result: unknown; now: string }
  | { type: 'exit'; reason?: string; now: string };

/** Compact, JSON-serialisable state of one entry: survives continue-as-new. */
export interface JourneyState {
  irVersion: number;
  userId: string;
  /** messageId of the triggering event: part of every idempotency key. */
  entryId: string;
  enteredAt: string;
  now: string;
  trigger: EntryTrigger;
  profile: Record<string, unknown>;
  /** Entry variables set by `context` nodes (absent in entries started before they existed). */
  vars?: Record<string, unknown>;
  /** The node the entry is at. */
  current: string;
  /** When the entry arrived at the current node. */
  arrivedAt: string;
  visits: Record<string, number>;
  /** The most recent steps (bounded). */
  path: PathStep[];
  /** Events received since entry (bounded), for waits that begin after the event. */
  events: KeptEvent[];
  /**
   * Set on entries that began after a wait started consuming the event it matched (before, a loop
   * back to the wait matched the same event again). Entries already running keep their semantics,
   * so their histories replay unchanged.
   */
  consumeMatched?: true;
  /**
   * Set on entries that began after the entry's clock became logical: a timer's input happens at
   * the wait's planned end and answers keep the time of the input that asked, so a timer firing
   * late or an activity taking time cannot shift later waits (a second "until 09:00" right after a
   * first one went on to the next day in the runtime, while the simulator went straight on).
   * Entries already running keep the wall-clock times their histories were recorded with.
   */
  logicalTime?: true;
  /** Recently seen messageIds (bounded), so redelivered signals count once. */
  seen: string[];
  wait?: Wait;
  pending?: { requestId: string; kind: RequestKind; nodeId: string; then?: string };
  variants: Record<string, string>;
  lastMessageNode?: string;
  lastVariant?: { nodeId: string; variantId: string };
  convertedAt?: string;
  done?: { reason: CompletionReason; at: string };
}

export interface StepResult {
  state: JourneyState;
  commands: Command[];
}
