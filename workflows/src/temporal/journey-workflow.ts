import {
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { JourneyIR } from '../ir/types.js';
import { initialState, step } from '../interpreter/interpreter.js';
import type { Command, Input, JourneyEvent, JourneyState, PathStep, Wait } from '../interpreter/types.js';
import type { EntryEnd, EntryRef, JourneyActivities, NodeMove } from './activities.js';
import { WaymarkNode } from './search-attributes.js';

export const TASK_QUEUE = 'waymark-journeys';

export interface JourneyInput {
  ir: JourneyIR;
  entry: EntryRef;
  trigger: JourneyEvent;
  /**
   * The user's profile context as of entry, so branches, local times and templates right after the
   * trigger see it. Absent in entries started before the router passed it: those load it at the first wait.
   */
  profile?: Record<string, unknown>;
  /**
   * The driver revision the entry started under ({@link DRIVER_REVISION}); absent on entries started
   * before revisions were passed, which decide the changes since by `patched()` as they always have.
   */
  driver?: number;
  /** Carried over by continue-as-new; absent on a fresh entry. */
  state?: JourneyState;
  /** Signals received but not yet handled when the run continued as new. */
  inbox?: Input[];
}

export interface JourneyOutcome {
  reason: string;
  at: string;
  nodeId: string;
}

/** What the `state` query answers: where the entry is, what it waits for, and the path so far. */
export interface JourneyView {
  nodeId: string;
  waiting?: Wait;
  path: PathStep[];
  done?: { reason: string; at: string };
}

export const eventSignal = defineSignal<[JourneyEvent]>('event');
export const exitSignal = defineSignal<[{ reason?: string }?]>('exit');
export const stateQuery = defineQuery<JourneyView>('state');

const retry = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' } as const;
const activities = proxyActivities<JourneyActivities>({ startToCloseTimeout: '2 minutes', retry });
/** Bookkeeping (moves, conversions, the end) is a few quick writes: local activities skip the task queue round trip. */
const local = proxyLocalActivities<JourneyActivities>({ startToCloseTimeout: '1 minute', retry });
const { perform } = activities;

/** Patch id: runs started before bookkeeping moved to local activities replay with regular ones. */
export const LOCAL_BOOKKEEPING = 'local-bookkeeping';

/** Patch id: entries started before the interpreter's logical clock replay with wall-clock times (JourneyState.logicalTime). */
export const LOGICAL_TIME = 'logical-time';

/**
 * The driver's revision, passed in the input of every new entry (docs/operations.md, upgrades). A
 * revision costs no history events, where each `patched()` records a marker and a search-attribute
 * update in every run. Revision 1: local bookkeeping and the logical clock without their patches;
 * a request and the end carry the moves before them, recorded in the same activity.
 */
export const DRIVER_REVISION = 1;

/** How this run does what changed between driver revisions; fixed by its input, so replays decide the same. */
interface Driver {
  bookkeeping: () => typeof activities;
  logicalTime: () => boolean;
  /** Requests and the end carry the moves before them instead of a `recordMoves` of their own. */
  movesRideAlong: boolean;
}

function driverOf(input: JourneyInput): Driver {
  if ((input.driver ?? 0) >= 1) return { bookkeeping: () => local, logicalTime: () => true, movesRideAlong: true };
  return {
    bookkeeping: () => (patched(LOCAL_BOOKKEEPING) ? local : activities),
    logicalTime: () => patched(LOGICAL_TIME),
    movesRideAlong: false,
  };
}

const isoNow = (): string => new Date(Date.now()).toISOString();

/**
 * The `journey` workflow: a thin Temporal driver of the pure interpreter. Timers and signals feed
 * it inputs; its commands become activities, search-attribute updates and waits.
 */
export async function journey(input: JourneyInput): Promise<JourneyOutcome> {
  const { ir, entry } = input;
  const driver = driverOf(input);
  let state =
    input.state ??
    initialState(ir, {
      userId: entry.userId,
      trigger: input.trigger,
      now: isoNow(),
      logicalTime: driver.logicalTime(),
      ...(input.profile ? { profile: input.profile } : {}),
    });
  const inbox: Input[] = [...(input.inbox ?? [])];

  setHandler(eventSignal, (event) => void inbox.push({ type: 'event', event, now: isoNow() }));
  setHandler(
    exitSignal,
    (options) =>
      void inbox.push({ type: 'exit', ...(options?.reason ? { reason: options.reason } : {}), now: isoNow() }),
  );
  setHandler(stateQuery, () => ({
    nodeId: state.current,
    ...(state.wait ? { waiting: state.wait } : {}),
    path: state.path,
    ...(state.done ? { done: state.done } : {}),
  }));

  let next: Input | undefined = input.state ? undefined : { type: 'start', now: state.now };
  for (;;) {
    if (next) {
      const result = step(ir, state, next);
      state = result.state;
      next = await execute(driver, entry, result.commands);
      if (state.done) return { reason: state.done.reason, at: state.done.at, nodeId: state.current };
      if (next) continue;
    }
    next = await nextInput(state.wait, inbox);
    if (!next && workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof journey>({ ...input, state, inbox });
    }
  }
}

/** Waits for a signal or the wait's deadline; undefined when woken only to check continue-as-new. */
async function nextInput(wait: Wait | undefined, inbox: Input[]): Promise<Input | undefined> {
  if (inbox.length === 0) {
    const awaited = wait?.event ?? wait?.events?.join(' or ');
    const summary = wait
      ? awaited
        ? `wait for ${awaited} until ${wait.until}`
        : `wait until ${wait.until}`
      : 'wait for a signal';
    const arrived = wait
      ? await condition(
          () => inbox.length > 0 || workflowInfo().continueAsNewSuggested,
          Math.max(1, Date.parse(wait.until) - Date.now()),
          { summary },
        )
      : (await condition(() => inbox.length > 0 || workflowInfo().continueAsNewSuggested), true);
    if (!arrived) return { type: 'timer', now: isoNow() };
  }
  return inbox.shift();
}

/** Carries out commands in order; returns the answer to the request among them, if any. */
async function execute(driver: Driver, entry: EntryRef, commands: Command[]): Promise<Input | undefined> {
  const moves: NodeMove[] = [];
  /** The moves so far, for an activity to record, with the node they end at upserted. */
  const takeMoves = (): { moves?: NodeMove[] } => {
    if (moves.length === 0) return {};
    upsertSearchAttributes([{ key: WaymarkNode, value: moves[moves.length - 1]!.nodeId }]);
    return { moves: moves.splice(0) };
  };
  const flushMoves = async () => {
    if (moves.length === 0) return;
    const summary = `record ${moves.map((m) => m.nodeId).join(' -> ')}`;
    // The search-attribute update before the patch check in `bookkeeping()`: recorded histories have them in this order.
    const taken = takeMoves().moves!;
    await driver.bookkeeping().recordMoves.executeWithOptions({ startToCloseTimeout: '1 minute', summary }, [taken]);
  };
  let answer: Input | undefined;
  for (const command of commands) {
    switch (command.type) {
      case 'moved':
        moves.push({
          entry,
          nodeId: command.nodeId,
          at: command.at,
          key: command.key,
          ...(command.fromNodeId ? { fromNodeId: command.fromNodeId } : {}),
          ...(command.handle ? { handle: command.handle } : {}),
          ...(command.split ? { split: true } : {}),
        });
        break;
      case 'request': {
        if (!driver.movesRideAlong) await flushMoves();
        const { type, summary, idempotencyKey, ...request } = command;
        const result = await perform.executeWithOptions({ startToCloseTimeout: '2 minutes', summary }, [
          { ...request, entry, idempotencyKey: `${entry.workflowId}:${idempotencyKey}`, ...takeMoves() },
        ]);
        answer = { type: 'answer', requestId: command.requestId, result, now: isoNow() };
        break;
      }
      case 'converted':
        await driver.bookkeeping().recordConversion({
          entry,
          at: command.at,
          event: command.event,
          ...(command.messageNodeId ? { messageNodeId: command.messageNodeId } : {}),
          ...(command.variant ? { variant: command.variant } : {}),
        });
        break;
      case 'complete': {
        const end: EntryEnd = {
          entry,
          status: command.reason === 'exit' || command.reason === 'goal' ? 'completed' : 'exited',
          reason: command.reason,
          at: command.at,
        };
        if (!driver.movesRideAlong) await flushMoves();
        await driver.bookkeeping().endEntry({ ...end, ...takeMoves() });
        break;
      }
      case 'sleepUntil':
      case 'waitForEvents':
        break;
    }
  }
  await flushMoves();
  return answer;
}
