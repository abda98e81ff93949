import {
  countSatisfies,
  evaluateCondition,
  type DataCondition,
  dataConditionKey,
  statusesImplying,
} from '../conditions/evaluate.js';
import { compile, type CompileOptions } from '../compiler/compile.js';
import type { Diagnostic } from '../compiler/diagnostics.js';
import type { JourneyIR } from '../ir/types.js';
import { initialState, step } from '../interpreter/interpreter.js';
import type {
  CompletionReason,
  Input,
  JourneyState,
  Request,
  RequestPayloads,
  RequestResults,
} from '../interpreter/types.js';
import type { MessageCondition } from '../schema/condition.js';
import type { NodeData } from '../schema/nodes.js';
import type { Channel, ChannelMessage } from '../schema/templates.js';
import { addDuration, subtractDuration } from '../time/arithmetic.js';
import { renderFailureReason, renderString, renderTemplate, renderVars, type FieldError } from '../templates/render.js';
import { canReach } from './reachability.js';

export interface SimulatedEvent {
  name: string;
  properties?: Record<string, unknown>;
  /** ISO instant; the event arrives at this time. */
  timestamp: string;
  messageId?: string;
}

/**
 * What the person does with one message: it can only happen once the message is sent, `after` it
 * (ISO duration, default at once). A message never sent is never opened.
 */
export interface ScriptedEngagement {
  status: MessageCondition['status'];
  after?: string;
}

/** A scripted engagement as it played out: `at` when it happened, absent when the message was never sent. */
export interface SimulatedEngagement {
  nodeId: string;
  status: MessageCondition['status'];
  at?: string;
}

/** Scripted answers for what a real run would look up. */
export interface SimulationAnswers {
  /** Events the user performed before entering, per name (count toward `performed` conditions). */
  history?: Record<string, SimulatedEvent[]>;
  /** Engagement per message node id; each also arrives as a `message_<status>` event, as the engine records it. */
  message?: Record<string, ScriptedEngagement[]>;
  /** Variant chosen per optimize-mode split node id (default: the first variant). */
  variants?: Record<string, string>;
  /** Outcome per custom step node id (default: `next`, no profile change). */
  custom?: Record<string, { output?: string; profile?: Record<string, unknown> }>;
}

export interface SimulateOptions extends CompileOptions {
  /** The profile context: traits with userId, email, phone, timezone, devices. */
  profile: Record<string, unknown>;
  trigger: SimulatedEvent;
  /** ISO instant of entry (default: the trigger's timestamp). */
  start?: string;
  events?: SimulatedEvent[];
  answers?: SimulationAnswers;
}

export interface SimulatedMessage {
  nodeId: string;
  at: string;
  channel: Channel;
  rendered?: unknown;
  /** Liquid errors per field: a real run would not send this message. */
  errors?: FieldError[];
}

/** The contact-policy checks a send passes at run time, each decided by live data the simulator does not have. */
export const contactPolicyChecks = ['consent', 'quietHours', 'frequencyCaps'] as const;
export type ContactPolicyCheck = (typeof contactPolicyChecks)[number];

export interface SimulatedStep {
  nodeId: string;
  at: string;
  outcome: string;
  /**
   * On a message step: the checks the simulator assumed the send passed (consent: opt-outs; quiet
   * hours: the settings and the person's clock; frequency caps: messages from other journeys). A
   * real run may skip or defer it there. Transactional and bypass messages skip quiet hours and caps.
   */
  assumedAllowed?: ContactPolicyCheck[];
}

export interface SimulationResult {
  steps: SimulatedStep[];
  messages: SimulatedMessage[];
  conversions: { at: string; event: string; messageNodeId?: string; variant?: { nodeId: string; variantId: string } }[];
  /** Every scripted engagement, in the order they happened; those of messages never sent come last, without `at`. */
  engagements: SimulatedEngagement[];
  end: { reason: CompletionReason | 'waiting' | 'invalid'; at: string; nodeId?: string; until?: string };
  errors?: Diagnostic[];
}

/** Simulated time stops here: nothing in a journey waits longer than five years. */
const HORIZON = 'P6Y';
const MAX_INPUTS = 10_000;

/** Runs a journey (IR or document) for one profile on a virtual clock (docs/journey-language.md#semantics). Pure: no I/O, no real time. */
export function simulate(journey: unknown, options: SimulateOptions): SimulationResult {
  if (isIr(journey)) return new Simulation(journey, options).run();
  const compiled = compile(journey, options);
  if (!compiled.ok)
    return {
      steps: [],
      messages: [],
      conversions: [],
      engagements: [],
      end: { reason: 'invalid', at: options.start ?? options.trigger.timestamp },
      errors: compiled.errors,
    };
  const ir = compiled.ir;
  return new Simulation(ir, options).run();
}

const isIr = (value: unknown): value is JourneyIR =>
  typeof value === 'object' && value !== null && 'irVersion' in value;

class Simulation {
  private readonly result: SimulationResult;
  private readonly queue: Required<SimulatedEvent>[];
  private readonly delivered: SimulatedEvent[] = [];
  private state: JourneyState;
  private seq = 0;
  /** The checks assumed for the send just answered, put on its message step when the interpreter records it. */
  private assumed?: { nodeId: string; checks: ContactPolicyCheck[] };

  constructor(
    private readonly ir: JourneyIR,
    private readonly options: SimulateOptions,
  ) {
    const start = options.start ?? options.trigger.timestamp;
    const trigger = {
      ...options.trigger,
      properties: options.trigger.properties ?? {},
      messageId: options.trigger.messageId ?? 'simulated-trigger',
    };
    this.state = initialState(ir, {
      userId: String(options.profile.userId ?? 'simulated-user'),
      trigger,
      now: start,
      profile: options.profile,
    });
    this.queue = (options.events ?? [])
      .map((event, i) => ({ properties: {}, messageId: `simulated-${i}`, ...event }))
      .sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
    this.result = { steps: [], messages: [], conversions: [], engagements: [], end: { reason: 'waiting', at: start } };
  }

  run(): SimulationResult {
    const horizon = Date.parse(addDuration(this.state.enteredAt, HORIZON));
    let input: Input | undefined = { type: 'start', now: this.state.now };
    for (let count = 0; input && count < MAX_INPUTS; count++) {
      input = this.apply(input) ?? this.nextInput(horizon);
    }
    const happened = new Set(this.result.engagements.map((engagement) => engagement.nodeId));
    for (const [nodeId, scripted] of Object.entries(this.options.answers?.message ?? {}))
      if (!happened.has(nodeId)) this.result.engagements.push(...scripted.map(({ status }) => ({ nodeId, status })));
    const { done, wait, current, now } = this.state;
    this.result.end = done
      ? { reason: done.reason, at: done.at, nodeId: current }
      : { reason: 'waiting', at: now, nodeId: current, ...(wait ? { until: wait.until } : {}) };
    return this.result;
  }

  /** Steps the interpreter; returns the answer to feed next when it asked for something. */
  private apply(input: Input): Input | undefined {
    if (input.type === 'event') this.delivered.push(input.event);
    const { state, commands } = step(this.ir, this.state, input);
    this.state = state;
    for (const entry of state.path) {
      if (entry.seq <= this.seq) continue;
      const assumed = this.assumed?.nodeId === entry.nodeId ? this.assumed.checks : undefined;
      if (assumed) delete this.assumed;
      this.result.steps.push({
        nodeId: entry.nodeId,
        at: entry.at,
        outcome: entry.outcome,
        ...(assumed ? { assumedAllowed: assumed } : {}),
      });
    }
    this.seq = state.path.at(-1)?.seq ?? this.seq;
    let answer: Input | undefined;
    for (const command of commands) {
      if (command.type === 'converted')
        this.result.conversions.push({
          at: command.at,
          event: command.event,
          ...(command.messageNodeId ? { messageNodeId: command.messageNodeId } : {}),
          ...(command.variant ? { variant: command.variant } : {}),
        });
      if (command.type === 'request')
        answer = { type: 'answer', requestId: command.requestId, result: this.answer(command), now: state.now };
    }
    return answer;
  }

  /** The next scripted event before the wait ends, else the wait's deadline. */
  private nextInput(horizon: number): Input | undefined {
    const { wait, done, now } = this.state;
    if (done || !wait) return undefined;
    const until = Date.parse(wait.until);
    const next = this.queue[0];
    if (next && Date.parse(next.timestamp) <= until) {
      this.queue.shift();
      const at = Date.parse(next.timestamp) < Date.parse(now) ? now : next.timestamp;
      return { type: 'event', event: next, now: at };
    }
    if (until > horizon) return undefined;
    return { type: 'timer', now: wait.until };
  }

  private answer(request: Request): RequestResults[Request['kind']] {
    const answers = this.options.answers ?? {};
    switch (request.kind) {
      case 'loadProfile':
        return this.state.profile;
      case 'evaluate':
        return Object.fromEntries<boolean>(
          request.payload.conditions.map((c) => [dataConditionKey(c), this.evaluateData(c)]),
        );
      case 'send':
        return this.send(request.nodeId, request.payload, request.idempotencyKey);
      case 'updateProfile':
        return this.updateProfile(request.payload.update);
      case 'custom':
        return answers.custom?.[request.nodeId] ?? {};
      case 'chooseVariant':
        return answers.variants?.[request.nodeId] ?? request.payload.variants[0]!.id;
      case 'renderVars':
        return renderVars(request.payload);
    }
  }

  private evaluateData(condition: DataCondition): boolean {
    if ('message' in condition)
      return this.result.engagements.some(
        ({ nodeId, status, at }) =>
          nodeId === condition.message &&
          statusesImplying[condition.status].includes(status) &&
          at !== undefined &&
          Date.parse(at) <= Date.parse(this.state.now),
      );
    const now = Date.parse(this.state.now);
    const since = condition.within ? Date.parse(subtractDuration(this.state.now, condition.within)) : -Infinity;
    const history = [
      ...(this.options.answers?.history?.[condition.performed] ?? []),
      ...this.delivered.filter((e) => e.name === condition.performed),
    ];
    const count = history.filter((event) => {
      const at = Date.parse(event.timestamp);
      if (at > now || at < since) return false;
      return (
        !condition.where ||
        evaluateCondition(condition.where, {
          ...this.entryContext(),
          event: { name: event.name, properties: event.properties ?? {}, timestamp: event.timestamp },
          now: this.state.now,
        })
      );
    }).length;
    return countSatisfies(count, condition);
  }

  private send(nodeId: string, payload: RequestPayloads['send'], key: string): RequestResults['send'] {
    const { message } = payload;
    const options: ChannelMessage[] = 'channels' in message ? message.channels : [message];
    const chosen = options.find((option) => canReach(option.channel, this.state.profile));
    // As the engine records it: skipped on the first channel of the message (found by the differential test).
    if (!chosen) return { status: 'skipped', channel: options[0]!.channel, reason: 'no_address' };
    const exempt = payload.transactional || payload.contactPolicy === 'bypass';
    // Webhooks reach systems, not people: no consent, quiet hours or caps.
    if (chosen.channel !== 'webhook')
      this.assumed = { nodeId, checks: exempt ? ['consent'] : ['consent', 'quietHours', 'frequencyCaps'] };
    const context = {
      ...this.entryContext(),
      journey: this.ir.journey,
      message: { id: key },
      ...(chosen.channel === 'email' ? { unsubscribe_url: 'https://waymark.invalid/unsubscribe/simulated' } : {}),
    };
    const rendered = renderTemplate(chosen.template, context);
    this.result.messages.push({
      nodeId,
      at: this.state.now,
      channel: chosen.channel,
      ...(rendered.ok ? { rendered: rendered.rendered } : { errors: rendered.errors }),
    });
    if (rendered.ok) this.engage(nodeId, key, chosen.channel);
    return rendered.ok
      ? { status: 'sent', channel: chosen.channel }
      : { status: 'failed', channel: chosen.channel, reason: renderFailureReason(rendered.errors) };
  }

  /** A sent message's scripted engagement happens (once per node): recorded, and queued as the engine's `message_<status>` event. */
  private engage(nodeId: string, messageId: string, channel: Channel) {
    if (this.result.engagements.some((engagement) => engagement.nodeId === nodeId)) return;
    for (const { status, after } of this.options.answers?.message?.[nodeId] ?? []) {
      const at = after ? addDuration(this.state.now, after) : this.state.now;
      this.result.engagements.push({ nodeId, status, at });
      const event = {
        name: `message_${status}`,
        timestamp: at,
        properties: { messageId, nodeId, channel },
        messageId: `${status}:${messageId}`,
      };
      const later = this.queue.findIndex((queued) => Date.parse(queued.timestamp) > Date.parse(at));
      this.queue.splice(later < 0 ? this.queue.length : later, 0, event);
    }
    this.result.engagements.sort((a, b) => Date.parse(a.at!) - Date.parse(b.at!));
  }

  /** What templates and conditions read of the entry, as the engine gives it (`event` is the trigger). */
  private entryContext() {
    const { name, properties, timestamp } = this.state.trigger;
    const trigger = { name, properties, timestamp };
    return { profile: this.state.profile, event: trigger, trigger, vars: this.state.vars ?? {} };
  }

  private updateProfile(update: NodeData<'updateProfile'>): Record<string, unknown> {
    const profile = { ...this.state.profile };
    const context = this.entryContext();
    for (const [path, value] of Object.entries(update.set ?? {}))
      profile[path] = typeof value === 'string' ? renderString(value, context) : value;
    for (const path of update.unset ?? []) delete profile[path];
    for (const [path, by] of Object.entries(update.increment ?? {})) profile[path] = (Number(profile[path]) || 0) + by;
    return profile;
  }
}
