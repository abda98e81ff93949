import { journeySettings } from '@waymark/workflows';
import { z } from 'zod';
import type { JsonSchema } from './schema-form/json-schema';

/** Journey settings (docs/journey-language.md#settings) as JSON Schema, so the settings panel is generated like the node forms. */
export const settingsSchema = z.toJSONSchema(journeySettings, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
