import pLimit from 'p-limit';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import {
  dataConditionsOf,
  evaluateCondition,
  firstStop,
  inHoldout,
  subtractDuration,
  type JourneyIR,
} from '@waymark/workflows';
import {
  DRIVER_REVISION,
  TASK_QUEUE,
  WaymarkJourneyId,
  WaymarkJourneyVersion,
  WaymarkNode,
  WaymarkUserId,
  eventSignal,
  type JourneyEvent,
  type JourneyInput,
} from '@waymark/workflows/temporal';
import { logger } from '../logger.js';
import { countEntry, observeRouted } from '../metrics/counters.js';
import {
  EntryModel,
  EventModel,
  JourneyModel,
  JourneyVersionModel,
  insertPlain,
  isDuplicateKey,
  type Entry,
  type StoredEvent,
} from '../models/index.js';
import { answerDataConditions } from '../conditions/data-conditions.js';
import { applyIdentify, type RoutingNeed } from '../ingest/store.js';
import { storedRecord } from '../models/stored-json.js';
import { loadProfileContext, profileContext, type ProfileFields } from '../profiles/context.js';
import { Expiring } from '../util/expiring.js';
import { journeyWorkflowId } from './workflow-id.js';

const ROUTING_CONCURRENCY = 32;
/** How long another process's publish or status change may take to reach this router. */
const CATALOG_TTL_MS = 1_000;

type Published = { id: string; version: number };

/** What routing needs to know of the published journeys, read once per second instead of per event. */
interface Catalog {
  /** Active journeys by the event that starts them. */
  byTriggerEvent: Map<string, Published[]>;
  /** Active segment-triggered journeys. */
  segments: Published[];
  /** Event names some running entry may wait for (any published journey, paused and archived ones too). */
  listened: Set<string>;
  /** Event names an active segment trigger counts ("performed ... at least twice"). */
  counted: Set<string>;
}

export interface RouterOptions {
  client: Client;
  taskQueue?: string;
}

/**
 * Delivers stored events to journeys: starts every event-triggered journey the event matches and
 * signals every running entry of the user that listens to it, then marks the event routed. Safe
 * to repeat for the same event (the sweeper does after a crash): entries are unique per triggering
 * event, workflow ids are deterministic and the workflow dedupes signals by messageId.
 */
export class Router {
  private readonly taskQueue: string;
  private readonly versions = new Map<string, JourneyIR>();
  /** The last routing of each user with events in flight: one user's events route in order. */
  private readonly chains = new Map<string, Promise<void>>();
  /** Different users route in parallel, up to this many at once. */
  private readonly slots = pLimit(ROUTING_CONCURRENCY);
  /** Events enqueued here and not yet routed: under a backlog the sweeper must not route them a second time. */
  private readonly queued = new Set<string>();
  private readonly catalog = new Expiring(() => this.loadCatalog(), CATALOG_TTL_MS);

  constructor(private readonly options: RouterOptions) {
    this.taskQueue = options.taskQueue ?? TASK_QUEUE;
  }

  /** Routes in the background: each user's events in arrival order, users in parallel; failures are left for the sweeper. */
  enqueue(events: StoredEvent[]): void {
    for (const event of events) {
      if (event.routed) continue;
      this.queued.add(event.messageId);
      const next = (this.chains.get(event.userId) ?? Promise.resolve())
        .then(() => this.slots(() => this.route(event)))
        .catch((error: unknown) =>
          logger.warn({ err: error, messageId: event.messageId }, 'routing failed; the sweeper will retry'),
        )
        .finally(() => this.queued.delete(event.messageId));
      this.chains.set(event.userId, next);
      void next.then(() => {
        if (this.chains.get(event.userId) === next) this.chains.delete(event.userId);
      });
    }
  }

  /** Whether the event waits in this router's queue (the sweeper leaves it to the queue). */
  isQueued(messageId: string): boolean {
    return this.queued.has(messageId);
  }

  /** Resolves when everything enqueued so far (and while waiting) has been routed or has failed. */
  async idle(): Promise<void> {
    while (this.chains.size > 0) await Promise.all(this.chains.values());
  }

  /**
   * What the published journeys need routed now: an event that triggers, is waited for or is counted by a
   * segment, and identifies while segment triggers exist. Read from the same catalog routing reads, so an
   * event it passes over is one routing would have done nothing with but mark routed.
   */
  async routingNeed(): Promise<RoutingNeed> {
    const catalog = await this.catalog.get();
    return (event) =>
      catalog.listened.has(event.name) ||
      (event.type === 'track'
        ? catalog.byTriggerEvent.has(event.name) || catalog.counted.has(event.name)
        : catalog.segments.length > 0);
  }

  /** Publishing or a status change in this process: read the journeys again before the next event. */
  journeysChanged(): void {
    this.catalog.invalidate();
  }

  async route(event: StoredEvent): Promise<void> {
    const journeyEvent: JourneyEvent = {
      name: event.name,
      properties: storedRecord(event.properties),
      timestamp: event.timestamp.toISOString(),
      messageId: event.messageId,
    };
    const catalog = await this.catalog.get();
    if (event.type === 'track') {
      for (const journey of catalog.byTriggerEvent.get(event.name) ?? [])
        await this.enter(journey.id, journey.version, event.userId, journeyEvent);
      await this.enterSegmentsOnHistory(event, journeyEvent, catalog.segments);
    } else {
      await this.enterSegments(event, journeyEvent, catalog.segments);
    }
    if (catalog.listened.has(event.name)) await this.signalEntries(event.userId, journeyEvent);
    const routedAt = new Date();
    await EventModel.updateOne({ messageId: event.messageId }, { $set: { routed: true, routedAt } });
    observeRouted(event, routedAt);
  }

  /** Starts an entry when the trigger's filter and the re-entry rules allow it. Returns the workflow id, if entered. */
  async enter(journeyId: string, version: number, userId: string, trigger: JourneyEvent): Promise<string | undefined> {
    const ir = await this.ir(journeyId, version);
    const now = new Date();
    // The profile as of entry, read once: the trigger's filter reads it, and the run starts with it.
    let profile: Record<string, unknown> | undefined;
    const entryProfile = async () => (profile ??= await loadProfileContext(userId));
    if (ir.trigger.kind === 'event' && ir.trigger.where) {
      if (
        !evaluateCondition(ir.trigger.where, {
          profile: await entryProfile(),
          event: trigger,
          trigger,
          now: now.toISOString(),
        })
      )
        return undefined;
    }
    const workflowId = journeyWorkflowId(journeyId, userId, ir.settings.reentry, trigger.messageId);
    const holdout = inHoldout(journeyId, userId, ir.settings.holdout?.percent);
    // A new entry is the common case: its unique insert is also the check for a repeat of this trigger.
    const created =
      (await this.mayEnter(ir, journeyId, userId, trigger.messageId, now)) &&
      (await this.createEntry({
        workflowId,
        journeyId,
        version,
        userId,
        triggerId: trigger.messageId,
        status: 'starting',
        enteredAt: now,
        listensTo: ir.listensTo,
        ...(holdout ? { holdout } : {}),
      }));
    if (!created) {
      // This event was handled before (a retry, or the sweeper after a crash): same answer as then.
      const existing = await EntryModel.findOne(
        { journeyId, userId, triggerId: trigger.messageId },
        { status: 1, workflowId: 1 },
      ).lean();
      if (!existing || existing.status === 'skipped') return undefined;
      if (existing.status !== 'starting') return existing.workflowId;
    }
    const input: JourneyInput = {
      ir,
      entry: { workflowId, journeyId, version, userId },
      trigger,
      profile: await entryProfile(),
      driver: DRIVER_REVISION,
    };
    try {
      await this.options.client.workflow.start('journey', {
        workflowId,
        taskQueue: this.taskQueue,
        args: [input],
        memo: { triggerId: trigger.messageId },
        staticSummary: `${ir.journey.name} (v${version}) for ${userId}`,
        typedSearchAttributes: [
          { key: WaymarkJourneyId, value: journeyId },
          { key: WaymarkJourneyVersion, value: version },
          { key: WaymarkUserId, value: userId },
          {
            key: WaymarkNode,
            value: firstStop(ir, { userId, trigger, now: now.toISOString(), profile: input.profile }),
          },
        ],
        workflowIdConflictPolicy: 'FAIL',
        workflowIdReusePolicy: 'ALLOW_DUPLICATE',
      });
      countEntry();
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      const running = await this.options.client.workflow.getHandle(workflowId).describe();
      if (running.memo?.triggerId !== trigger.messageId) {
        // Another event's entry is running under this id: the user is already in the journey.
        await EntryModel.updateOne(
          { journeyId, userId, triggerId: trigger.messageId },
          { $set: { status: 'skipped', endReason: 'already_in_journey', endedAt: now } },
        );
        return undefined;
      }
    }
    // The workflow's first bookkeeping marks the entry active. Writing it here too would race that
    // write, and FerretDB applies concurrent updates of one document as whole-document overwrites.
    return workflowId;
  }

  /**
   * The sweeper's hook for an entry left `starting`: when its workflow runs, the workflow's bookkeeping
   * takes over; otherwise the entry is released (deleted) so re-entry rules no longer count it and
   * the trigger can be retried.
   */
  async reconcileStarting(entry: {
    workflowId: string;
    journeyId: string;
    userId: string;
    triggerId: string;
  }): Promise<'started' | 'released'> {
    try {
      const running = await this.options.client.workflow.getHandle(entry.workflowId).describe();
      if (running.memo?.triggerId === entry.triggerId) return 'started';
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
    await EntryModel.deleteOne({
      journeyId: entry.journeyId,
      userId: entry.userId,
      triggerId: entry.triggerId,
      status: 'starting',
    });
    return 'released';
  }

  /** Segment triggers: an identify enters the journeys whose condition the profile starts matching with it. */
  private async enterSegments(event: StoredEvent, journeyEvent: JourneyEvent, journeys: Published[]): Promise<void> {
    if (journeys.length === 0) return;
    // Both sides from the snapshot stored with the event: routing may run after later identifies.
    const snapshot = (event.profileBefore ?? { userId: event.userId }) as ProfileFields;
    // As stored on both sides (escaped keys): profileContext reads the stored form.
    const after = applyIdentify(snapshot, (event.properties ?? {}) as Record<string, unknown>);
    await this.enterSegmentsOnChange(
      event.userId,
      profileContext(snapshot, event.userId),
      profileContext(after, event.userId),
      journeyEvent,
      journeys,
    );
  }

  /**
   * A journey step changed the profile (updateProfile, a custom step's profile updates): enters the
   * segment journeys the user starts matching with the change, as an identify would.
   */
  async profileChanged(
    userId: string,
    before: Record<string, unknown>,
    after: Record<string, unknown>,
    trigger: JourneyEvent,
  ): Promise<void> {
    const { segments } = await this.catalog.get();
    if (segments.length > 0) await this.enterSegmentsOnChange(userId, before, after, trigger, segments);
  }

  /** Enters the segment journeys whose condition the profile (as a context) matches after and not before. */
  private async enterSegmentsOnChange(
    userId: string,
    before: Record<string, unknown>,
    after: Record<string, unknown>,
    journeyEvent: JourneyEvent,
    journeys: Published[],
  ): Promise<void> {
    const now = new Date();
    for (const journey of journeys) {
      const ir = await this.ir(journey.id, journey.version);
      if (ir.trigger.kind !== 'segment') continue;
      const condition = ir.trigger.condition;
      // Event history does not change with a profile change, so both sides share the answers.
      const answers = await answerDataConditions(
        { workflowId: '', journeyId: journey.id, version: journey.version, userId },
        dataConditionsOf(condition),
        after,
        now,
      );
      const matches = (profile: Record<string, unknown>) =>
        evaluateCondition(
          condition,
          { profile, event: journeyEvent, trigger: journeyEvent, now: now.toISOString() },
          answers,
        );
      if (matches(after) && !matches(before)) await this.enter(journey.id, journey.version, userId, journeyEvent);
    }
  }

  /** Inserts the entry; false when one for this trigger exists already. */
  private async createEntry(entry: Omit<Entry, 'listensTo' | 'arms'> & { listensTo: string[] }): Promise<boolean> {
    try {
      await insertPlain(EntryModel, [{ ...entry, arms: [] }]);
      return true;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      return false;
    }
  }

  /**
   * Segment triggers on event history ("performed added_to_cart at least twice within 30 days"): a
   * track event of a name the condition counts enters the journeys the user starts matching with it.
   * Before it means the history just before its timestamp; the profile is the same on both sides.
   */
  private async enterSegmentsOnHistory(
    event: StoredEvent,
    journeyEvent: JourneyEvent,
    journeys: Published[],
  ): Promise<void> {
    let profile: Record<string, unknown> | undefined;
    for (const journey of journeys) {
      const ir = await this.ir(journey.id, journey.version);
      if (ir.trigger.kind !== 'segment') continue;
      const condition = ir.trigger.condition;
      const conditions = dataConditionsOf(condition);
      if (!conditions.some((c) => 'performed' in c && c.performed === event.name)) continue;
      profile ??= await loadProfileContext(event.userId);
      const entry = { workflowId: '', journeyId: journey.id, version: journey.version, userId: event.userId };
      const matchesAt = async (now: Date) =>
        evaluateCondition(
          condition,
          { profile: profile!, event: journeyEvent, trigger: journeyEvent, now: now.toISOString() },
          await answerDataConditions(entry, conditions, profile!, now),
        );
      if ((await matchesAt(event.timestamp)) && !(await matchesAt(new Date(event.timestamp.getTime() - 1))))
        await this.enter(journey.id, journey.version, event.userId, journeyEvent);
    }
  }

  /** Re-entry (never / afterExit / always) and cooldown, from the engine's own entry records other than this trigger's. */
  private async mayEnter(
    ir: JourneyIR,
    journeyId: string,
    userId: string,
    triggerId: string,
    now: Date,
  ): Promise<boolean> {
    const { reentry, cooldown } = ir.settings;
    const others = { journeyId, userId, triggerId: { $ne: triggerId } };
    const counted = { ...others, status: { $ne: 'skipped' as const } };
    if (reentry === 'never') return !(await EntryModel.exists(counted));
    if (reentry === 'afterExit' && (await EntryModel.exists({ ...others, status: { $in: ['starting', 'active'] } })))
      return false;
    if (cooldown) {
      const since = new Date(subtractDuration(now.toISOString(), cooldown));
      if (await EntryModel.exists({ ...counted, enteredAt: { $gt: since } })) return false;
    }
    return true;
  }

  private async signalEntries(userId: string, event: JourneyEvent): Promise<void> {
    const entries = await EntryModel.find(
      { userId, status: { $in: ['starting', 'active'] }, listensTo: event.name, triggerId: { $ne: event.messageId } },
      { workflowId: 1 },
    ).lean();
    for (const entry of entries) {
      try {
        await this.options.client.workflow.getHandle(entry.workflowId).signal(eventSignal, event);
      } catch (error) {
        if (!(error instanceof WorkflowNotFoundError)) throw error; // it ended in the meantime
      }
    }
  }

  private async loadCatalog(): Promise<Catalog> {
    const journeys = await JourneyModel.find(
      { version: { $exists: true } },
      { _id: 1, version: 1, status: 1, triggerKind: 1, triggerEvent: 1, listensTo: 1 },
    ).lean();
    const catalog: Catalog = { byTriggerEvent: new Map(), segments: [], listened: new Set(), counted: new Set() };
    for (const journey of journeys) {
      for (const name of journey.listensTo) catalog.listened.add(name);
      if (journey.status !== 'active') continue;
      const published = { id: journey._id, version: journey.version! };
      if (journey.triggerKind === 'segment') {
        catalog.segments.push(published);
        const { trigger } = await this.ir(published.id, published.version);
        if (trigger.kind === 'segment')
          for (const condition of dataConditionsOf(trigger.condition))
            if ('performed' in condition) catalog.counted.add(condition.performed);
      }
      if (journey.triggerEvent)
        catalog.byTriggerEvent.set(journey.triggerEvent, [
          ...(catalog.byTriggerEvent.get(journey.triggerEvent) ?? []),
          published,
        ]);
    }
    return catalog;
  }

  private async ir(journeyId: string, version: number): Promise<JourneyIR> {
    const key = `${journeyId}@${version}`;
    let ir = this.versions.get(key);
    if (!ir) {
      const stored = await JourneyVersionModel.findOne({ journeyId, version }, { ir: 1 }).lean();
      if (!stored) throw new Error(`journey ${journeyId} has no version ${version}`);
      ir = stored.ir as JourneyIR;
      this.versions.set(key, ir);
    }
    return ir;
  }
}
