import { z } from 'zod';
import { contactPolicy } from '../schema/contact-policy.js';
import { channels } from '../schema/templates.js';
import { storable } from './storable.js';

/** A channel's provider; secrets come back as "********", and sending that back keeps the stored secret. */
export const providerSetting = z.strictObject({
  provider: z.string().trim().min(1, 'name a provider (or sandbox)'),
  config: z.record(z.string(), z.unknown()).optional(),
});

/** `GET /api/settings`: the contact policy and the provider per channel (a channel left out runs in sandbox mode). */
export const workspaceSettings = z.strictObject({
  contactPolicy: contactPolicy.default({ frequencyCaps: [], throttle: {} }),
  providers: z.partialRecord(z.enum(channels), providerSetting).default({}),
});

/**
 * `PUT /api/settings` merges into what is stored: a part left out keeps its value, so a partial body
 * cannot silently drop configured providers; a channel set to `null` goes back to sandbox.
 * A 400 `invalid_request` names each bad field in `details.issues[].field`.
 */
export const settingsUpdate = z
  .strictObject({
    contactPolicy: contactPolicy.optional(),
    providers: z.partialRecord(z.enum(channels), providerSetting.nullable()).optional(),
  })
  .superRefine(storable);

export type ProviderSetting = z.infer<typeof providerSetting>;
export type WorkspaceSettings = z.output<typeof workspaceSettings>;
/** What the settings page edits and saves: every part present, a provider to remove as `null`. */
export type SettingsUpdate = Required<z.output<typeof settingsUpdate>>;
