import { ProviderRegistry, REDACTED } from '@waymark/channels';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { SettingsModel } from '../../src/models/index.js';
import { settingsRoutes } from '../../src/settings/routes.js';
import { SettingsStore } from '../../src/settings/settings-store.js';
import { connectIsolatedStore } from '../helpers.js';
import { listen, type RunningApp } from '../helpers-http.js';

const smtpUrl = 'smtp://shop:s3cret@mail.example.com:587';

describe('GET/PUT /api/settings', () => {
  let app: RunningApp;
  const store = new SettingsStore(new ProviderRegistry(), { email: { provider: 'smtp', config: { smtpUrl } } });
  const call = async (method: string, body?: unknown) => {
    const response = await fetch(`${app.base}/api/settings`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as any };
  };

  beforeAll(async () => {
    await connectIsolatedStore('settings');
    app = await listen(
      createApp({
        health: async () => ({ status: 'ok', dependencies: {} as never }),
        routes: { '/api': settingsRoutes(store) },
      }),
    );
  });
  afterAll(async () => {
    await app?.close();
    await mongoose.disconnect();
  });

  it('shows the configured providers with secrets redacted and an empty policy', async () => {
    expect(await call('GET')).toEqual({
      status: 200,
      body: {
        contactPolicy: { frequencyCaps: [], throttle: {} },
        providers: { email: { provider: 'smtp', config: { smtpUrl: REDACTED } } },
      },
    });
  });

  it('saves a policy, keeps a secret sent back redacted, and never returns it', async () => {
    const settings = {
      contactPolicy: {
        quietHours: { start: '21:00', end: '08:00', action: 'defer' },
        frequencyCaps: [{ channel: 'all', limit: 3, within: 'P1D' }],
        throttle: { sms: 10 },
      },
      providers: { email: { provider: 'smtp', config: { smtpUrl: REDACTED } }, sms: { provider: 'sandbox' } },
    };
    const saved = await call('PUT', settings);
    expect(saved).toEqual({ status: 200, body: settings });
    expect(JSON.stringify((await call('GET')).body)).not.toContain('s3cret');
    const stored = await SettingsModel.findById('workspace').lean();
    expect(stored?.providers).toMatchObject({ email: { config: { smtpUrl } } });
    expect((await store.active()).contactPolicy.frequencyCaps).toEqual([{ channel: 'all', limit: 3, within: 'P1D' }]);
  });

  it('rejects bad settings with the field named and changes nothing', async () => {
    const before = await call('GET');
    const badCap = await call('PUT', {
      contactPolicy: { frequencyCaps: [{ channel: 'all', limit: 3, within: 'daily' }] },
    });
    expect(badCap.status).toBe(400);
    expect(badCap.body.error).toMatchObject({
      code: 'invalid_request',
      details: { issues: [{ field: 'contactPolicy.frequencyCaps.0.within' }] },
    });
    const badProvider = await call('PUT', {
      providers: { sms: { provider: 'twilio', config: { accountSid: 'AC1' } } },
    });
    expect(badProvider.status).toBe(400);
    expect(badProvider.body.error.message).toBe('Invalid settings: providers.sms: Twilio settings need authToken');
    const unknown = await call('PUT', { providers: { push: { provider: 'pigeon' } } });
    expect(unknown.body.error.details).toEqual({
      issues: [{ field: 'providers.push', message: 'no push provider named "pigeon" is registered' }],
    });
    expect(await call('GET')).toEqual(before);
  });

  it('merges: an empty body or a partial one keeps every configured provider, null removes one', async () => {
    const before = await call('GET');
    expect(Object.keys(before.body.providers).sort()).toEqual(['email', 'sms']);
    expect(await call('PUT', {})).toEqual(before);
    const policyOnly = await call('PUT', { contactPolicy: { frequencyCaps: [], throttle: {} } });
    expect(policyOnly.body.providers).toEqual(before.body.providers);
    const removed = await call('PUT', { providers: { sms: null } });
    expect(removed.status).toBe(200);
    expect(removed.body.providers).toEqual({ email: { provider: 'smtp', config: { smtpUrl: REDACTED } } });
    expect((await SettingsModel.findById('workspace').lean())?.providers).toMatchObject({
      email: { config: { smtpUrl } },
    });
  });

  it('answers unknown query parameters with a 400 naming them', async () => {
    const response = await fetch(`${app.base}/api/settings?debug=1`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        code: 'invalid_request',
        message: 'Invalid query: debug: is not a known field',
        details: { issues: [{ field: 'debug', message: 'is not a known field' }] },
      },
    });
  });
});
