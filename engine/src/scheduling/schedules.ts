import { ScheduleAlreadyRunning, ScheduleNotFoundError, type Client } from '@temporalio/client';
import type { JourneyIR } from '@waymark/workflows';
import type { JourneyStatus } from '../models/index.js';
import { scheduleFor, scheduleIdOf, type ScheduledIR } from './schedule-spec.js';

/**
 * Keeps each schedule-triggered journey's Temporal Schedule in step with it: created or updated on
 * publish (later runs use the new version), paused with the journey, deleted on archive or when the
 * trigger is no longer a schedule. Each run starts an `audience` workflow.
 */
export class JourneySchedules {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
  ) {}

  async published(ir: JourneyIR, status: JourneyStatus): Promise<void> {
    const journeyId = ir.journey.id;
    if (ir.trigger.kind !== 'schedule') return this.remove(journeyId);
    const options = scheduleFor(ir as ScheduledIR, this.taskQueue, status === 'paused');
    try {
      await this.client.schedule.create({ scheduleId: scheduleIdOf(journeyId), ...options });
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
      await this.client.schedule
        .getHandle(scheduleIdOf(journeyId))
        .update(() => ({ ...options, state: options.state ?? {} }));
    }
  }

  /** Pause and resume the schedule with the journey; delete it on archive. */
  async statusChanged(journeyId: string, status: JourneyStatus): Promise<void> {
    if (status === 'archived') return this.remove(journeyId);
    const handle = this.client.schedule.getHandle(scheduleIdOf(journeyId));
    if (status === 'paused') await unlessMissing(() => handle.pause(`journey ${journeyId} paused`));
    if (status === 'active') await unlessMissing(() => handle.unpause(`journey ${journeyId} resumed`));
  }

  private remove(journeyId: string): Promise<void> {
    return unlessMissing(() => this.client.schedule.getHandle(scheduleIdOf(journeyId)).delete());
  }
}

/** Journeys without a schedule (other triggers) have nothing to change. */
async function unlessMissing(action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (!(error instanceof ScheduleNotFoundError)) throw error;
  }
}
