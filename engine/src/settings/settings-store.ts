import type { ChannelProviders, ChannelSettings, ProviderRegistry } from '@waymark/channels';
import type { ContactPolicy } from '@waymark/workflows';
import { settingsUpdate, workspaceSettings, type WorkspaceSettings } from '@waymark/workflows/api';
import { ApiError } from '../http/errors.js';
import { parseOr400 } from '../http/validate.js';
import { SettingsModel } from '../models/index.js';
import { Expiring } from '../util/expiring.js';

/** What the send path uses: the policy and providers built from the current settings. */
export interface ActiveSettings {
  contactPolicy: ContactPolicy;
  providers: ChannelProviders;
}

/** Longer than any send may take (the provider call timeout): providers replaced by a settings change close after it. */
const REPLACED_PROVIDERS_CLOSE_AFTER_MS = 150_000;

interface Built extends ActiveSettings {
  revision: number;
  settings: WorkspaceSettings;
}

/**
 * The workspace settings, stored as one document. Until the first save, providers come from the
 * engine's configuration (environment). Each process re-reads them at most every `ttlMs`, and at
 * once after its own saves; providers are rebuilt only when the revision changes.
 */
export class SettingsStore {
  private built?: Built;
  private readonly current: Expiring<Built>;

  constructor(
    private readonly registry: ProviderRegistry,
    private readonly configured: ChannelSettings,
    ttlMs = 5_000,
  ) {
    this.current = new Expiring(() => this.load(), ttlMs);
  }

  active(): Promise<ActiveSettings> {
    return this.current.get();
  }

  /** Closes the providers' connections (SMTP pool); for a process that stops sending. */
  close(): void {
    if (this.built) closeProviders(this.built.providers);
  }

  /** The settings as the API shows them: secrets replaced by the redaction marker. */
  async view(): Promise<WorkspaceSettings> {
    const { settings } = await this.load();
    return { ...settings, providers: this.registry.redact(settings.providers) };
  }

  /** Validates and merges an update into the stored settings (see settingsUpdate); secrets sent back redacted keep their stored value. */
  async save(input: unknown): Promise<WorkspaceSettings> {
    const incoming = parseOr400(settingsUpdate, input, 'settings');
    const { settings: stored } = await this.load();
    const providers: ChannelSettings = { ...stored.providers };
    for (const [channel, setting] of Object.entries(incoming.providers ?? {}) as [
      keyof ChannelSettings,
      ChannelSettings[keyof ChannelSettings] | null,
    ][]) {
      if (setting === null) {
        delete providers[channel];
        continue;
      }
      try {
        const restored = this.registry.restoreSecrets({ [channel]: setting }, stored.providers);
        this.registry.create(restored); // fails on unknown providers and missing keys, before anything is stored
        providers[channel] = restored[channel]!;
      } catch (error) {
        const field = `providers.${channel}`;
        throw new ApiError(400, 'invalid_request', `Invalid settings: ${field}: ${(error as Error).message}`, {
          issues: [{ field, message: (error as Error).message }],
        });
      }
    }
    await SettingsModel.updateOne(
      { _id: 'workspace' },
      { $set: { contactPolicy: incoming.contactPolicy ?? stored.contactPolicy, providers }, $inc: { revision: 1 } },
      { upsert: true },
    );
    this.current.invalidate();
    return this.view();
  }

  private async load(): Promise<Built> {
    const doc = await SettingsModel.findById('workspace').lean();
    const revision = doc?.revision ?? 0;
    if (this.built?.revision !== revision) {
      const settings = workspaceSettings.parse(
        doc ? { contactPolicy: doc.contactPolicy, providers: doc.providers } : { providers: this.configured },
      );
      const replaced = this.built?.providers;
      this.built = {
        revision,
        settings,
        contactPolicy: settings.contactPolicy,
        providers: this.registry.create(settings.providers),
      };
      // Sends may still be under way on the old providers.
      if (replaced) setTimeout(() => closeProviders(replaced), REPLACED_PROVIDERS_CLOSE_AFTER_MS).unref();
    }
    return this.built;
  }
}

function closeProviders(providers: ChannelProviders): void {
  for (const provider of Object.values(providers)) provider.close?.();
}
