import { pino } from 'pino';
import { config } from './config.js';

/** JSON logs at LOG_LEVEL (tests default to warn to keep output readable). */
export const logger = pino({ level: config().logLevel });
