import { Duration } from 'luxon';
import { defaultRetention, type RetentionPolicy } from './retention.js';

/** `WAYMARK_EVENT_RETENTION` and `WAYMARK_TRANSITION_RETENTION` (ISO durations), else the defaults. */
export function retentionFromEnv(env: NodeJS.ProcessEnv = process.env): RetentionPolicy {
  const duration = (name: string, fallback: string): string => {
    const value = env[name];
    if (!value) return fallback;
    if (!Duration.fromISO(value).isValid || Duration.fromISO(value).as('days') < 1) {
      throw new Error(`${name} must be an ISO-8601 duration of at least a day, such as P90D; got "${value}"`);
    }
    return value;
  };
  return {
    events: duration('WAYMARK_EVENT_RETENTION', defaultRetention.events),
    transitions: duration('WAYMARK_TRANSITION_RETENTION', defaultRetention.transitions),
  };
}
