import { Duration } from 'luxon';
import { evaluateCondition, dataConditionsOf, toInstant, type DataAnswers } from '../conditions/evaluate.js';
import type { ConditionContext } from '../conditions/context.js';
import type { IRNode, JourneyIR, NodeOf } from '../ir/types.js';
import type { Condition } from '../schema/condition.js';
import { awaitedEvents } from '../schema/awaited-events.js';
import { hasLiquid } from '../util/has-liquid.js';
import { addDuration, nextLocalTime } from '../time/arithmetic.js';
import { resolveZone } from '../time/zone.js';
import { getPath } from '../util/hash.js';
import { MAX_EVENTS, MAX_PATH, MAX_SEEN, MAX_STEPS_PER_INPUT, pushBounded } from './limits.js';
import { inHoldout } from './holdout.js';
import { assignVariant } from './split.js';
import type {
  Command,
  CompletionReason,
  EndAfterSend,
  Input,
  JourneyEvent,
  JourneyState,
  KeptEvent,
  RequestKind,
  RequestPayloads,
  RequestResults,
  StepResult,
} from './types.js';

export interface StartOptions {
  userId: string;
  trigger: JourneyEvent;
  /** ISO instant of entry; defaults to the trigger's timestamp. */
  now?: string;
  profile?: Record<string, unknown>;
  /** False for a workflow replaying a history recorded before the logical clock (see `JourneyState.logicalTime`). */
  logicalTime?: boolean;
}

/** The state of a new entry, at the trigger node; feed it `{ type: 'start' }` next. */
export function initialState(
  ir: JourneyIR,
  { userId, trigger, now, profile, logicalTime = true }: StartOptions,
): JourneyState {
  const enteredAt = now ?? trigger.timestamp;
  return {
    irVersion: ir.irVersion,
    userId,
    entryId: trigger.messageId,
    enteredAt,
    now: enteredAt,
    trigger: {
      name: trigger.name,
      messageId: trigger.messageId,
      timestamp: trigger.timestamp,
      properties: trigger.properties,
    },
    profile: { userId, ...profile },
    vars: {},
    current: ir.entry,
    arrivedAt: enteredAt,
    visits: {},
    path: [],
    events: [],
    consumeMatched: true,
    ...(logicalTime ? { logicalTime: true as const } : {}),
    seen: [trigger.messageId],
    variants: {},
  };
}

/**
 * The node a new entry is at once its first step is done (where it waits, asks or ends): the router starts
 * the run with it as `WaymarkNode`, so the driver need not update the attribute for that first move.
 */
export function firstStop(ir: JourneyIR, options: StartOptions): string {
  const state = initialState(ir, options);
  return step(ir, state, { type: 'start', now: state.now }).state.current;
}

/** One transition of the pure state machine: `(state, input) -> (state, commands)`. */
export function step(ir: JourneyIR, state: JourneyState, input: Input): StepResult {
  const run = new Run(ir, JSON.parse(JSON.stringify(state)) as JourneyState);
  if (run.state.done) return { state, commands: [] };
  if (!(input.type === 'answer' && run.state.logicalTime)) run.state.now = input.now;
  run.handle(input);
  return { state: run.state, commands: run.commands };
}

/** Whether a send's answer holds the entry on its message node (quiet hours: send again later) instead of moving on. */
export function holdsEntry(sent: RequestResults['send']): sent is RequestResults['send'] & { until: string } {
  return sent.status === 'deferred' && Boolean(sent.until);
}

/**
 * What the entry does once the send it waits on is answered without being held, when that is only to move
 * on and end: known before the answer, because a send's outcome does not choose the path and, on the
 * logical clock, an answer keeps the time of the input that asked. Undefined when anything else follows
 * (a request, a wait, a conversion), or on an entry with the wall clock.
 */
export function endAfterSend(ir: JourneyIR, state: JourneyState): EndAfterSend | undefined {
  const pending = state.pending;
  if (pending?.kind !== 'send' || !state.logicalTime) return undefined;
  const answer = { type: 'answer', requestId: pending.requestId, result: { status: 'sent' }, now: state.now } as const;
  const { commands } = step(ir, state, answer);
  const end = commands.at(-1);
  const moves = commands.slice(0, -1);
  if (end?.type !== 'complete' || !moves.every((command) => command.type === 'moved')) return undefined;
  return { moves, end };
}

/** Mutable working copy for one step; commands accumulate in order. */
class Run {
  readonly commands: Command[] = [];
  private steps = 0;

  constructor(
    private readonly ir: JourneyIR,
    readonly state: JourneyState,
  ) {}

  handle(input: Input): void {
    switch (input.type) {
      case 'start':
        return this.arrive(this.ir.entry);
      case 'timer':
        return this.onTimer();
      case 'event':
        return this.onEvent(input.event);
      case 'answer':
        return this.onAnswer(input.requestId, input.result);
      case 'exit':
        return this.complete('operator');
    }
  }

  // --- inputs -------------------------------------------------------------

  private onTimer(): void {
    const wait = this.state.wait;
    if (!wait || Date.parse(this.state.now) < Date.parse(wait.until)) return;
    if (this.state.logicalTime) this.state.now = wait.until;
    delete this.state.wait;
    if (wait.resend) return this.execute(this.ir.nodes[wait.nodeId]!, { again: true });
    this.finishWait(wait.nodeId, wait.event || wait.events ? 'timeout' : 'next');
  }

  private onEvent(event: JourneyEvent): void {
    if (this.state.seen.includes(event.messageId)) return;
    this.state.seen = pushBounded(this.state.seen, event.messageId, MAX_SEEN);
    const kept: KeptEvent = { name: event.name, messageId: event.messageId, timestamp: event.timestamp };
    if (this.ir.needsProperties.includes(event.name)) kept.properties = event.properties;
    this.state.events = pushBounded(this.state.events, kept, MAX_EVENTS);

    const { exitOn, goal } = this.ir.settings;
    if (exitOn.some((rule) => rule.event === event.name && this.matches(rule.where, event)))
      return this.complete('exitOn');
    if (
      goal &&
      !this.state.convertedAt &&
      goal.event === event.name &&
      this.matches(goal.where, event) &&
      this.withinGoalWindow(event.timestamp)
    ) {
      this.state.convertedAt = event.timestamp;
      this.commands.push({
        type: 'converted',
        at: event.timestamp,
        event: event.name,
        ...(this.state.lastMessageNode ? { messageNodeId: this.state.lastMessageNode } : {}),
        ...(this.state.lastVariant ? { variant: this.state.lastVariant } : {}),
      });
      if (goal.exit) return this.complete('goal');
    }
    const wait = this.state.wait;
    if (wait && (wait.event === event.name || wait.events?.includes(event.name))) {
      const path = this.pathTaken(this.ir.nodes[wait.nodeId] as NodeOf<'waitForEvent'>, event);
      if (path) {
        delete this.state.wait;
        this.consume(event.messageId);
        this.finishWait(wait.nodeId, path);
      }
    }
  }

  private onAnswer(requestId: string, result: unknown): void {
    const pending = this.state.pending;
    if (!pending || pending.requestId !== requestId) return;
    delete this.state.pending;
    const node = this.ir.nodes[pending.nodeId]!;
    switch (pending.kind) {
      case 'loadProfile':
        this.state.profile = result as Record<string, unknown>;
        // After a wait: `next` (delay, waitUntil) reads as "waited"; matched/timeout speak for themselves.
        return this.follow(
          node,
          pending.then ?? 'next',
          pending.then && pending.then !== 'next' ? pending.then : 'waited',
        );
      case 'evaluate':
        return this.chooseBranch(node as NodeOf<'branch'>, result as DataAnswers);
      case 'send': {
        const sent = result as RequestResults['send'];
        if (holdsEntry(sent)) return this.deferSend(node.id, sent.until, sent.reason ?? 'contact policy');
        this.state.lastMessageNode = node.id;
        return this.follow(node, 'next', sent.channel ? `${sent.status}:${sent.channel}` : sent.status);
      }
      case 'updateProfile':
        this.state.profile = result as Record<string, unknown>;
        return this.follow(node, 'next', 'updated');
      case 'custom': {
        const outcome = result as { output?: string; profile?: Record<string, unknown> };
        if (outcome.profile) this.state.profile = outcome.profile;
        const handle = outcome.output ?? 'next';
        return this.follow(node, handle, handle);
      }
      case 'chooseVariant':
        return this.takeVariant(node as NodeOf<'split'>, result as string);
      case 'renderVars':
        this.state.vars = { ...this.state.vars, ...(result as RequestResults['renderVars']) };
        return this.follow(node, 'next', 'set');
    }
  }

  // --- moving through nodes -----------------------------------------------

  /** Moves onto a node and runs it until it waits, asks for something, or the entry ends. */
  private arrive(nodeId: string, from?: { nodeId: string; handle: string; split?: true }): void {
    const node = this.ir.nodes[nodeId];
    if (!node) return this.complete('missing_node');
    if (++this.steps > MAX_STEPS_PER_INPUT) return this.complete('step_limit');
    const visit = (this.state.visits[nodeId] ?? 0) + 1;
    this.state.visits[nodeId] = visit;
    this.state.current = nodeId;
    this.state.arrivedAt = this.state.now;
    this.commands.push({
      type: 'moved',
      nodeId,
      ...(from ? { fromNodeId: from.nodeId, handle: from.handle, ...(from.split ? { split: true } : {}) } : {}),
      at: this.state.now,
      key: this.key(nodeId),
    });
    this.execute(node);
  }

  /** `again`: a deferred message node asks again (its outbox entry exists under the same key). */
  private execute(node: IRNode, { again = false } = {}): void {
    switch (node.type) {
      case 'trigger':
        return this.follow(node, 'next', 'entered');
      case 'exit':
        this.record(node.id, 'exit');
        return this.complete('exit');
      case 'delay':
        return this.waitUntil(
          node.id,
          addDuration(this.state.now, node.data.duration, this.zone()),
          `wait ${humanDuration(node.data.duration)}`,
        );
      case 'waitUntil':
        return this.waitUntil(node.id, this.resolveWaitUntil(node), 'wait until a set time');
      case 'waitForEvent':
        return this.waitForEvent(node);
      case 'context':
        return this.setVars(node);
      case 'branch': {
        const conditions = node.data.branches.flatMap((branch) => dataConditionsOf(branch.condition));
        if (conditions.length === 0) return this.chooseBranch(node, {});
        const { enteredAt, trigger, vars = {} } = this.state;
        return this.request(
          node,
          'evaluate',
          { conditions, enteredAt, trigger, vars },
          `check ${conditions.length} condition(s)`,
        );
      }
      case 'split': {
        const sticky = this.state.variants[node.id];
        if (sticky) return this.takeVariant(node, sticky);
        // The control group takes the fixed arm: it must not feed the optimizer's counts.
        if (node.data.mode === 'optimize' && !this.heldOut())
          return this.request(node, 'chooseVariant', { variants: node.data.variants }, 'choose a variant');
        return this.takeVariant(
          node,
          assignVariant(this.ir.journey.id, node.id, this.state.userId, node.data.variants),
        );
      }
      case 'message': {
        if (this.heldOut()) return this.follow(node, 'next', 'skipped:holdout');
        const channels = 'channels' in node.data ? node.data.channels.map((c) => c.channel) : [node.data.channel];
        const { contactPolicy, timezone, rateLimit } = this.ir.settings;
        const payload = {
          message: node.data,
          transactional: node.data.transactional ?? false,
          contactPolicy,
          ...(timezone ? { timezone } : {}),
          ...(rateLimit ? { rateLimit } : {}),
          trigger: this.state.trigger,
          vars: this.state.vars ?? {},
          ...(again ? { again: true as const } : {}),
        };
        return this.request(node, 'send', payload, `${channels.join(', else ')}: ${this.ir.journey.name}`);
      }
      case 'updateProfile':
        return this.request(
          node,
          'updateProfile',
          { update: node.data, trigger: this.state.trigger, vars: this.state.vars ?? {} },
          'update profile',
        );
      case 'custom':
        return this.request(
          node,
          'custom',
          { step: node.data.step, config: node.data.config, trigger: this.state.trigger },
          `step ${node.data.step}`,
        );
    }
  }

  private follow(node: IRNode, handle: string, outcome: string): void {
    this.record(node.id, outcome);
    const target = node.next[handle];
    if (target === undefined) return this.complete('missing_node');
    this.arrive(target, { nodeId: node.id, handle, ...(node.type === 'split' ? { split: true as const } : {}) });
  }

  private chooseBranch(node: NodeOf<'branch'>, answers: DataAnswers): void {
    const taken = node.data.branches.find((branch) => evaluateCondition(branch.condition, this.context(), answers));
    this.follow(node, taken?.id ?? 'else', taken?.id ?? 'else');
  }

  private takeVariant(node: NodeOf<'split'>, variantId: string): void {
    this.state.variants[node.id] = variantId;
    this.state.lastVariant = { nodeId: node.id, variantId };
    this.follow(node, variantId, variantId);
  }

  private waitUntil(nodeId: string, until: string, summary: string): void {
    if (Date.parse(until) <= Date.parse(this.state.now)) return this.follow(this.ir.nodes[nodeId]!, 'next', 'waited');
    this.state.wait = { nodeId, until };
    this.commands.push({ type: 'sleepUntil', nodeId, until, summary });
  }

  /** Quiet hours said "later": stay on the message node (exitOn and goals still apply) and send again at `until`. */
  private deferSend(nodeId: string, until: string, reason: string): void {
    this.record(nodeId, `deferred:${reason}`);
    this.state.wait = { nodeId, until, resend: true };
    this.commands.push({ type: 'sleepUntil', nodeId, until, summary: `hold the message until ${until} (${reason})` });
  }

  private waitForEvent(node: NodeOf<'waitForEvent'>): void {
    // An event that arrived earlier in this entry (before the wait began) counts; the earliest decides.
    for (const earlier of this.state.events) {
      const path = this.pathTaken(node, earlier);
      if (path) {
        this.consume(earlier.messageId);
        return this.follow(node, path, path);
      }
    }
    const until = addDuration(this.state.now, node.data.timeout, this.zone());
    const names = [...new Set(awaitedEvents(node.data).map((path) => path.event))];
    this.state.wait = {
      nodeId: node.id,
      until,
      ...('events' in node.data ? { events: names } : { event: node.data.event }),
    };
    this.commands.push({
      type: 'waitForEvents',
      nodeId: node.id,
      events: names,
      until,
      summary: `wait ${humanDuration(node.data.timeout)} for ${names.join(' or ')}`,
    });
  }

  /** The handle of the first listed path this event satisfies, if any. */
  private pathTaken(node: NodeOf<'waitForEvent'>, event: KeptEvent): string | undefined {
    return awaitedEvents(node.data).find((path) => path.event === event.name && this.matches(path.where, event))
      ?.handle;
  }

  /**
   * Sets entry variables. Every value reads the entry as it was before this node; constants and
   * paths resolve here, Liquid is rendered by the driver (the workflow sandbox runs no Liquid engine).
   */
  private setVars(node: NodeOf<'context'>): void {
    const before = this.context();
    const resolved: Record<string, unknown> = {};
    const templates: Record<string, string> = {};
    for (const [name, value] of Object.entries(node.data.set)) {
      if (typeof value === 'object') resolved[name] = getPath(before, value.path);
      else if (typeof value === 'string' && hasLiquid(value)) templates[name] = value;
      else resolved[name] = value;
    }
    this.state.vars = { ...this.state.vars, ...resolved };
    if (Object.keys(templates).length === 0) return this.follow(node, 'next', 'set');
    const context = { profile: this.state.profile, trigger: this.state.trigger, vars: before.vars ?? {} };
    this.request(node, 'renderVars', { templates, context }, `set ${Object.keys(templates).join(', ')}`);
  }

  /** After a wait the profile may have changed: reload it, then take the handle. */
  private finishWait(nodeId: string, handle: string): void {
    this.request(this.ir.nodes[nodeId]!, 'loadProfile', {}, 'load profile', handle);
  }

  private request<K extends RequestKind>(
    node: IRNode,
    kind: K,
    payload: RequestPayloads[K],
    summary: string,
    then?: string,
  ): void {
    const requestId = `${node.id}:${this.state.visits[node.id] ?? 0}:${kind}`;
    this.state.pending = { requestId, kind, nodeId: node.id, ...(then ? { then } : {}) };
    this.commands.push({
      type: 'request',
      kind,
      requestId,
      nodeId: node.id,
      idempotencyKey: this.key(node.id),
      payload,
      summary,
    } as Command);
  }

  private complete(reason: CompletionReason): void {
    delete this.state.wait;
    delete this.state.pending;
    this.state.done = { reason, at: this.state.now };
    this.commands.push({ type: 'complete', reason, at: this.state.now });
  }

  // --- helpers ------------------------------------------------------------

  private record(nodeId: string, outcome: string): void {
    const seq = (this.state.path.at(-1)?.seq ?? 0) + 1;
    this.state.path = pushBounded(this.state.path, { seq, nodeId, at: this.state.now, outcome }, MAX_PATH);
  }

  /** Unique per (journey version, user, entry, node, visit): the idempotency key of side effects. */
  private key(nodeId: string): string {
    const { id, version } = this.ir.journey;
    return `${id}:${version}:${this.state.userId}:${this.state.entryId}:${nodeId}:${this.state.visits[nodeId] ?? 0}`;
  }

  /** In the journey's holdout (control group): walks the journey, converts, but is sent nothing. */
  private heldOut(): boolean {
    return inHoldout(this.ir.journey.id, this.state.userId, this.ir.settings.holdout?.percent);
  }

  private zone(): string {
    return resolveZone(this.state.profile.timezone, this.ir.settings.timezone);
  }

  private context(event?: KeptEvent): ConditionContext {
    const e = event ?? this.state.trigger;
    const { trigger } = this.state;
    return {
      profile: this.state.profile,
      event: { name: e.name, properties: e.properties ?? {}, timestamp: e.timestamp },
      trigger: { name: trigger.name, properties: trigger.properties, timestamp: trigger.timestamp },
      vars: this.state.vars ?? {},
      now: this.state.now,
    };
  }

  /** Attribute conditions on an event (waitForEvent, goal, exitOn `where`); data conditions there count as unmet. */
  private matches(where: Condition | undefined, event: KeptEvent): boolean {
    if (!where) return true;
    try {
      return evaluateCondition(where, this.context(event));
    } catch {
      return false;
    }
  }

  private withinGoalWindow(timestamp: string): boolean {
    const within = this.ir.settings.goal?.within;
    return !within || Date.parse(timestamp) <= Date.parse(addDuration(this.state.enteredAt, within, this.zone()));
  }

  /** An event that satisfied a wait cannot satisfy the next one (a loop back to the wait waits anew). */
  private consume(messageId: string): void {
    if (this.state.consumeMatched) this.state.events = this.state.events.filter((e) => e.messageId !== messageId);
  }

  private resolveWaitUntil(node: NodeOf<'waitUntil'>): string {
    const zone = this.zone();
    let base = this.state.now;
    if (node.data.at) base = resolveInstant(node.data.at, this.context()) ?? base;
    if (node.data.offset) base = addDuration(base, node.data.offset, zone);
    if (node.data.localTime || node.data.days)
      base = nextLocalTime(base, zone, {
        ...(node.data.localTime ? { localTime: node.data.localTime } : {}),
        ...(node.data.days ? { days: node.data.days } : {}),
      });
    return base;
  }
}

/** `{{ path.to.value }}`: the one Liquid form `waitUntil.at` accepts. */
export const SIMPLE_EXPRESSION = /^\{\{\s*([\w.]+)\s*\}\}$/;

/** An ISO instant, or a `{{ path }}` expression read from the context (the workflow sandbox runs no Liquid engine). */
export function resolveInstant(at: string, context: ConditionContext): string | undefined {
  const expression = SIMPLE_EXPRESSION.exec(at.trim());
  const value = expression ? getPath(context, expression[1]!) : at;
  const ms = toInstant(value);
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

/** "P2D" -> "2 days", for summaries in the Temporal UI. */
function humanDuration(iso: string): string {
  return Duration.fromISO(iso).toHuman({ unitDisplay: 'long' });
}
