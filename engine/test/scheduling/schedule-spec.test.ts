import type { JourneyIR } from '@waymark/workflows';
import { describe, expect, it } from 'vitest';
import { scheduleFor, type ScheduledIR } from '../../src/scheduling/schedule-spec.js';

const irWith = (trigger: Record<string, unknown>, settings: Record<string, unknown> = {}) =>
  ({
    journey: { id: 'weekly-digest', version: 3, name: 'Weekly digest' },
    trigger: { kind: 'schedule', ...trigger },
    settings,
  }) as unknown as ScheduledIR & JourneyIR;

describe('scheduleFor', () => {
  it('runs a cron in the trigger time zone, else the journey one, else UTC', () => {
    expect(
      scheduleFor(irWith({ cron: '0 9 * * 1', timezone: 'Asia/Seoul' }, { timezone: 'Europe/Paris' }), 'q', false).spec,
    ).toEqual({ cronExpressions: ['0 9 * * 1'], timezone: 'Asia/Seoul' });
    expect(scheduleFor(irWith({ cron: '0 9 * * 1' }, { timezone: 'Europe/Paris' }), 'q', false).spec.timezone).toBe(
      'Europe/Paris',
    );
    expect(scheduleFor(irWith({ cron: '0 9 * * 1' }), 'q', false).spec.timezone).toBe('UTC');
  });

  it('names a one-off `at` in the schedule time zone and allows a single action', () => {
    const schedule = scheduleFor(
      irWith({ at: '2027-03-01T09:30:15+01:00' }, { timezone: 'America/New_York' }),
      'q',
      false,
    );
    expect(schedule.spec).toMatchObject({
      timezone: 'America/New_York',
      calendars: [{ year: 2027, month: 'MARCH', dayOfMonth: 1, hour: 3, minute: 30, second: 15 }],
    });
    expect(schedule.state).toMatchObject({ paused: false, remainingActions: 1 });
    expect(
      scheduleFor(irWith({ at: '2027-12-31T23:00:00Z' }, { timezone: 'Asia/Tokyo' }), 'q', true).spec.calendars,
    ).toMatchObject([{ year: 2028, month: 'JANUARY', dayOfMonth: 1, hour: 8 }]);
  });

  it('starts the audience workflow of this version on the given task queue, skipping overlapping runs', () => {
    const schedule = scheduleFor(irWith({ cron: '@daily' }), 'journeys', true);
    expect(schedule.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: 'audience',
      workflowId: 'journey-audience:weekly-digest',
      taskQueue: 'journeys',
      args: [{ journeyId: 'weekly-digest', version: 3 }],
    });
    expect(schedule.policies).toMatchObject({ overlap: 'SKIP' });
    expect(schedule.state).toEqual({ paused: true, note: 'journey weekly-digest v3' });
  });
});
