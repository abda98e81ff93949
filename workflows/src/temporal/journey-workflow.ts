import {
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  isCancellation,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { JourneyIR } from '../ir/types.js';
import { endAfterSend, initialState, step } from '../interpreter/interpreter.js';
import type {
  Command,
  CompleteCommand,
  Input,
  JourneyEvent,
  JourneyState,
  MovedCommand,
  PathStep,
  RequestKind,
  Wait,
} from '../interpreter/types.js';
import type { ActivityRequest, EntryEnd, EntryRef, JourneyActivities, NodeMove, PerformResult } from './activities.js';
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
/**
 * A send's first attempt (driver revision 3): once, locally; a failed one is retried as a regular activity. It holds
 * its workflow task while it runs: the engine gives its provider call 10 s, and the attempt half a minute in all.
 */
const localOnce = proxyLocalActivities<JourneyActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 1 },
});

/** Patch id: runs started before bookkeeping moved to local activities replay with regular ones. */
export const LOCAL_BOOKKEEPING = 'local-bookkeeping';

/** Patch id: entries started before the interpreter's logical clock replay with wall-clock times (JourneyState.logicalTime). */
export const LOGICAL_TIME = 'logical-time';

/**
 * The driver's revision, passed in the input of every new entry (docs/operations.md, upgrades). A
 * revision costs no history events, where each `patched()` records a marker and a search-attribute
 * update in every run. Revision 1: local bookkeeping and the logical clock without their patches;
 * a request and the end carry the moves before them, recorded in the same activity. Revision 2: a send
 * after which the entry only ends carries that end, recorded by the send's activity (no end activity), and
 * `WaymarkNode` is updated only when it changes (the router starts the run with its first stop). Revision 3: a
 * send's first attempt is a local activity ({@link sendLocallyFirst}).
 */
export const DRIVER_REVISION = 3;

/** How this run does what changed between driver revisions; fixed by its input, so replays decide the same. */
interface Driver {
  bookkeeping: () => typeof activities;
  logicalTime: () => boolean;
  /** Requests and the end carry the moves before them instead of a `recordMoves` of their own. */
  movesRideAlong: boolean;
  /** A send after which the entry only ends carries that end (`endAfterSend`) instead of an `endEntry` after it. */
  endsRideAlong: boolean;
  /** `WaymarkNode` is updated only to a value it does not have; before, at every recording of moves. */
  nodeUpdatedOnChange: boolean;
  /** A send's first attempt runs as a local activity, its retries as a regular one. */
  sendsLocallyFirst: boolean;
}

function driverOf(input: JourneyInput): Driver {
  const revision = input.driver ?? 0;
  if (revision >= 1) {
    const second = revision >= 2;
    return {
      bookkeeping: () => local,
      logicalTime: () => true,
      movesRideAlong: true,
      endsRideAlong: second,
      nodeUpdatedOnChange: second,
      sendsLocallyFirst: revision >= 3,
    };
  }
  return {
    bookkeeping: () => (patched(LOCAL_BOOKKEEPING) ? local : activities),
    logicalTime: () => patched(LOGICAL_TIME),
    movesRideAlong: false,
    endsRideAlong: false,
    nodeUpdatedOnChange: false,
    sendsLocallyFirst: false,
  };
}

/**
 * A send's first attempt runs as a local activity, inside the workflow task that asked for it: no activity
 * task to schedule, dispatch and record, so trigger -> email -> exit takes one workflow task. A failed attempt
 * (a paused journey, a provider error) is retried as a regular activity: its retries add nothing to the
 * history, and ops see it pending in the Temporal UI (docs/architecture.md).
 */
async function sendLocallyFirst(request: ActivityRequest, summary: string): Promise<PerformResult<RequestKind>> {
  try {
    return await localOnce.perform.executeWithOptions({ summary }, [request]);
  } catch (error) {
    if (isCancellation(error)) throw error;
    return perform.executeWithOptions({ summary }, [request]);
  }
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
      next = await execute(driver, { ir, state, entry }, result.commands, endRecordedBy(next));
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

/** Whether the input is the answer of a send whose activity also recorded the entry's end it was handed (`ending`). */
const endRecordedBy = (input: Input): boolean =>
  input.type === 'answer' &&
  typeof input.result === 'object' &&
  (input.result as Partial<PerformResult<'send'>> | null)?.endRecorded === true;

const toMove = (entry: EntryRef, { type, ...move }: MovedCommand): NodeMove => ({ entry, ...move });
const endOf = ({ reason, at }: CompleteCommand): Omit<EntryEnd, 'entry'> => ({
  status: reason === 'exit' || reason === 'goal' ? 'completed' : 'exited',
  reason,
  at,
});

/**
 * Carries out the commands of one step in order; returns the answer to the request among them, if any.
 * `endRecorded`: the activity that answered the step's input recorded the entry's end and the moves before
 * it, so the end here only updates the search attribute.
 */
async function execute(
  driver: Driver,
  { ir, state, entry }: { ir: JourneyIR; state: JourneyState; entry: EntryRef },
  commands: Command[],
  endRecorded: boolean,
): Promise<Input | undefined> {
  const moves: NodeMove[] = [];
  /** The moves so far, for an activity to record, with the node they end at upserted. */
  const takeMoves = (): { moves?: NodeMove[] } => {
    if (moves.length === 0) return {};
    const nodeId = moves[moves.length - 1]!.nodeId;
    if (!driver.nodeUpdatedOnChange || workflowInfo().typedSearchAttributes.get(WaymarkNode) !== nodeId)
      upsertSearchAttributes([{ key: WaymarkNode, value: nodeId }]);
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
        moves.push(toMove(entry, command));
        break;
      case 'request': {
        if (!driver.movesRideAlong) await flushMoves();
        const { type, summary, idempotencyKey, ...request } = command;
        const then = driver.endsRideAlong && command.kind === 'send' ? endAfterSend(ir, state) : undefined;
        const ending = then && { ...endOf(then.end), moves: then.moves.map((move) => toMove(entry, move)) };
        const performed: ActivityRequest = {
          ...request,
          entry,
          idempotencyKey: `${entry.workflowId}:${idempotencyKey}`,
          ...takeMoves(),
          ...(ending ? { ending } : {}),
        };
        const result =
          driver.sendsLocallyFirst && command.kind === 'send'
            ? await sendLocallyFirst(performed, summary)
            : await perform.executeWithOptions({ summary }, [performed]);
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
        if (endRecorded) {
          takeMoves();
          break;
        }
        const end: EntryEnd = { entry, ...endOf(command) };
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
