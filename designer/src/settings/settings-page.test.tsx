import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiContext } from '../api/api-context';
import { ApiError } from '../api/client';
import type { SettingsUpdate } from '@waymark/workflows/api';
import type { WaymarkApi } from '../api/waymark-api';
import { SettingsPage } from '../pages/SettingsPage';
import { MASKED_SECRET } from './providers';

afterEach(cleanup);

const stored: SettingsUpdate = {
  contactPolicy: { frequencyCaps: [{ channel: 'email', limit: 2, within: 'P1D' }], throttle: { sms: 10 } },
  providers: { email: { provider: 'smtp', config: { smtpUrl: MASKED_SECRET } } },
};

/** An engine that rejects the first save the way PUT /api/settings does, then saves. */
function fakeApi() {
  const saved: SettingsUpdate[] = [];
  const api = {
    getSettings: () => Promise.resolve(structuredClone(stored)),
    saveSettings: (settings: SettingsUpdate) => {
      saved.push(structuredClone(settings));
      return saved.length === 1
        ? Promise.reject(
            new ApiError(400, 'invalid_request', 'Settings are not valid', {
              issues: [
                { field: 'contactPolicy.frequencyCaps.1.within', message: 'at most 30 days' },
                { field: 'providers.email', message: 'SMTP settings need smtpUrl' },
              ],
            }),
          )
        : Promise.resolve(settings);
    },
  } as unknown as WaymarkApi;
  render(
    <ApiContext.Provider value={{ api, temporalUiUrl: '' }}>
      <SettingsPage />
    </ApiContext.Provider>,
  );
  return saved;
}

const change = (element: HTMLElement, value: string) => fireEvent.change(element, { target: { value } });

describe('settings page', () => {
  it('edits the contact policy and providers as a form and saves the whole document, secrets untouched', async () => {
    const saved = fakeApi();
    fireEvent.click(await screen.findByLabelText(/No messages during quiet hours/));
    change(screen.getByLabelText('From'), '22:30');
    fireEvent.click(screen.getByLabelText('Skip the message'));
    fireEvent.click(screen.getByLabelText('push'));
    fireEvent.click(screen.getByRole('button', { name: 'Add cap' }));
    change(screen.getAllByLabelText('At most')[1]!, '5');
    change(screen.getByLabelText('Cap 2 window unit'), 'weeks');
    change(screen.getByLabelText('email per second'), '20');
    change(screen.getByLabelText('sms per second'), '');
    change(screen.getByLabelText('sms provider'), 'twilio');
    change(screen.getByLabelText('accountSid'), 'AC1');
    expect(screen.getByLabelText('smtpUrl')).toHaveProperty('type', 'password');
    // The engine takes quiet hours and caps for channels that reach a person only.
    expect(
      within(document.querySelector<HTMLElement>('[data-path="contactPolicy.quietHours.channels"]')!).queryByLabelText(
        'webhook',
      ),
    ).toBeNull();
    expect(
      [...screen.getAllByLabelText('Channel')[0]!.querySelectorAll('option')].map((option) => option.value),
    ).toEqual(['all', 'email', 'push', 'sms', 'whatsapp']);
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Settings are not valid');
    expect(saved[0]).toEqual({
      contactPolicy: {
        quietHours: { start: '22:30', end: '08:00', action: 'skip', channels: ['email', 'sms', 'whatsapp'] },
        frequencyCaps: [
          { channel: 'email', limit: 2, within: 'P1D' },
          { channel: 'all', limit: 5, within: 'P1W' },
        ],
        throttle: { email: 20 },
      },
      providers: {
        email: { provider: 'smtp', config: { smtpUrl: MASKED_SECRET } },
        sms: { provider: 'twilio', config: { accountSid: 'AC1' } },
      },
    });
  });

  it("shows the engine's validation message next to the field it names, and clears it once saved", async () => {
    fakeApi();
    fireEvent.click(await screen.findByRole('button', { name: 'Add cap' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    const field = () => document.querySelector<HTMLElement>('[data-path="contactPolicy.frequencyCaps.1.within"]')!;
    expect((await within(field()).findByRole('alert')).textContent).toBe('at most 30 days');
    const provider = document.querySelector<HTMLElement>('[data-path="providers.email"]')!;
    expect(
      within(provider)
        .getAllByRole('alert')
        .map((alert) => alert.textContent),
    ).toEqual(['SMTP settings need smtpUrl']);
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Saved.');
    expect(within(field()).queryByRole('alert')).toBeNull();
  });

  it('replaces a stored secret only with one typed afresh; emptied again, the stored one is kept', async () => {
    const saved = fakeApi();
    const secret = await screen.findByLabelText('smtpUrl');
    expect(secret).toHaveProperty('value', '');
    expect(secret.getAttribute('placeholder')).toBe('stored: type to replace');
    change(secret, 'smtp://new@mail.example.com');
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Settings are not valid');
    expect(saved[0]!.providers.email).toEqual({ provider: 'smtp', config: { smtpUrl: 'smtp://new@mail.example.com' } });
    change(secret, '');
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Saved.');
    expect(saved[1]!.providers.email).toEqual({ provider: 'smtp', config: { smtpUrl: MASKED_SECRET } });
  });

  it('applies pasted JSON to the form', async () => {
    const saved = fakeApi();
    change(
      await screen.findByLabelText('Settings (JSON)'),
      JSON.stringify({ contactPolicy: { quietHours: { start: '20:00', end: '07:00', action: 'defer' } } }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Apply JSON to the form' }));
    expect(screen.getByLabelText('From')).toHaveProperty('value', '20:00');
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Settings are not valid');
    expect(saved[0]).toEqual({
      contactPolicy: { quietHours: { start: '20:00', end: '07:00', action: 'defer' }, frequencyCaps: [], throttle: {} },
      providers: {},
    });
  });
});
