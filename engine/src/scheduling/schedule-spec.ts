import { MONTHS, type ScheduleOptions } from '@temporalio/client';
import type { JourneyIR } from '@waymark/workflows';
import type { AudienceInput } from '@waymark/workflows/temporal';

export type ScheduledIR = JourneyIR & { trigger: Extract<JourneyIR['trigger'], { kind: 'schedule' }> };

/** Deterministic ids: one schedule per journey, found again on every publish, pause and archive. */
export const scheduleIdOf = (journeyId: string): string => `journey-schedule:${journeyId}`;
/** Temporal appends each run's scheduled time to this id. */
export const audienceWorkflowIdOf = (journeyId: string): string => `journey-audience:${journeyId}`;

/** The trigger's own time zone, else the journey's, else UTC. */
export const scheduleTimeZone = (ir: ScheduledIR): string => ir.trigger.timezone ?? ir.settings.timezone ?? 'UTC';

/** Everything of a journey's schedule but its id: created on the first publish, replaced on later ones. */
export function scheduleFor(ir: ScheduledIR, taskQueue: string, paused: boolean): Omit<ScheduleOptions, 'scheduleId'> {
  const { trigger } = ir;
  const { id: journeyId, version } = ir.journey;
  const input: AudienceInput = { journeyId, version };
  const timezone = scheduleTimeZone(ir);
  return {
    spec: trigger.at ? onceAt(new Date(trigger.at), timezone) : { cronExpressions: [trigger.cron!], timezone },
    action: {
      type: 'startWorkflow',
      workflowType: 'audience',
      workflowId: audienceWorkflowIdOf(journeyId),
      taskQueue,
      args: [input],
      staticSummary: `${ir.journey.name} (v${version}): enter the audience`,
    },
    // A run still entering its audience makes the next one skip: entering is idempotent, not urgent twice.
    // A one-off missed while the server was down still runs within a day; a recurring one only within the hour.
    policies: { overlap: 'SKIP', catchupWindow: trigger.at ? '1 day' : '1 hour' },
    state: { paused, ...(trigger.at ? { remainingActions: 1 } : {}), note: `journey ${journeyId} v${version}` },
  };
}

/**
 * A one-off: the calendar names `at` in the schedule's time zone (so the Temporal UI shows the local
 * time), and `remainingActions: 1` keeps an hour repeated by a DST change from running it twice.
 */
function onceAt(at: Date, timezone: string): ScheduleOptions['spec'] {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
      .formatToParts(at)
      .map((part) => [part.type, Number(part.value)]),
  ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
  return {
    calendars: [
      {
        year: parts.year,
        month: MONTHS[parts.month - 1]!,
        dayOfMonth: parts.day,
        hour: parts.hour,
        minute: parts.minute,
        second: parts.second,
        comment: `once at ${at.toISOString()}`,
      },
    ],
    timezone,
  };
}
