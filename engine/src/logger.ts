import { pino } from 'pino';

/** JSON logs; LOG_LEVEL overrides (tests default to warn to keep output readable). */
export const logger = pino({ level: process.env.LOG_LEVEL ?? (process.env.VITEST ? 'warn' : 'info') });
