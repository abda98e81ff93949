// @vitest-environment node
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeEngine, TEMPORAL_UI_URL } from './fake-engine';
import { openDesigner, screenshotPath, skipBrowserTests, type DesignerSession } from './harness';

/** The designer against a stand-in engine speaking the engine API: dev login, autosave, publish, stats, profiles, outbox. */
describe.skipIf(skipBrowserTests)('journey lifecycle in headless Chromium', { timeout: 30_000 }, () => {
  const engine = createFakeEngine();
  let session: DesignerSession;
  let page: Page;

  beforeAll(async () => {
    session = await openDesigner(engine.handle);
    page = session.page;
  }, 60_000);
  afterAll(async () => {
    expect(session.pageErrors).toEqual([]);
    await session.close();
  });

  const node = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
  const saveIndicator = () => page.locator('.save-indicator');
  const puts = () => engine.requests.filter((request) => request.method === 'PUT');

  it('logs in by itself in dev mode and lists journeys with their counts', async () => {
    await page.goto(session.url);
    const row = page.getByRole('row', { name: /Cart reminder/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('v1');
    expect(await row.textContent()).toContain('3 (25%)');
    expect(await page.getByLabel('Admin token').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('journeys-list') });
  });

  it('opens the journey laid out automatically, with custom steps in the palette', async () => {
    await page.getByRole('link', { name: /Cart reminder/ }).click();
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(7);
    // Results make cards taller and the journey is laid out again: no card ends up on another.
    const overlapping = async () => {
      const boxes = await Promise.all((await page.locator('.react-flow__node').all()).map((n) => n.boundingBox()));
      return boxes.some((a, i) =>
        boxes.some(
          (b, j) =>
            i < j &&
            a!.x < b!.x + b!.width &&
            b!.x < a!.x + a!.width &&
            a!.y < b!.y + b!.height &&
            b!.y < a!.y + a!.height,
        ),
      );
    };
    await expect.poll(overlapping).toBe(false);
    expect(await node('golden_time').locator('.node-card__output-label').allTextContents()).toEqual([
      '2 days · 50%',
      '1 day · 50%',
    ]);
    expect(await node('wait_2d').locator('.node-card__summary').textContent()).toBe(
      'Wait up to 2 days for order_completed',
    );
    expect(await node('trigger').locator('.node-card__summary').textContent()).toBe(
      'When added_to_cart happens where productId is set',
    );
    // A live journey opens on its results.
    await expect
      .poll(() => page.getByLabel('Journey results').textContent())
      .toBe('Version 1Entered12In the journey now2Converted3Conversion rate25%');
    await page.getByRole('button', { name: /Sync to CRM/ }).waitFor();
    expect(await page.locator('.palette__group', { hasText: 'Custom steps' }).textContent()).toContain('Sync to CRM');
  });

  it('autosaves an edit with the revision it was based on', async () => {
    await node('reminder').click();
    await page.getByLabel(/^Title/).fill('Did you forget {{ event.properties.name }}?');
    await expect.poll(() => puts().length).toBe(1);
    expect(puts()[0]!.body).toMatchObject({
      revision: 1,
      graph: {
        nodes: expect.arrayContaining([
          expect.objectContaining({
            id: 'reminder',
            data: expect.objectContaining({
              template: expect.objectContaining({ title: 'Did you forget {{ event.properties.name }}?' }),
            }),
          }),
        ]),
      },
    });
    await expect.poll(() => saveIndicator().textContent()).toBe('All changes saved');
    expect(await node('reminder').locator('.node-card__summary').textContent()).toBe('Push: Did you forget «name»?');
  });

  it('sends a test of the message as edited to a real profile', async () => {
    await page.getByLabel('Test recipient user id').fill('user-42');
    await page.getByRole('button', { name: 'Send test' }).click();
    await page.getByText('Test message sent.').waitFor();
    expect(engine.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: '/api/journeys/cart-reminder/test-send',
      body: {
        userId: 'user-42',
        nodeId: 'reminder',
        data: { channel: 'push', template: { title: 'Did you forget {{ event.properties.name }}?' } },
      },
    });
  });

  it('publishes after confirming what changed since the last version', async () => {
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Changes “Push: Did you forget «name»?”').waitFor();
    expect(await dialog.locator('.publish__fields li').allTextContents()).toEqual([
      'Template title: "Still thinking about {{ event.properties.name }}?" → "Did you forget {{ event.properties.name }}?"',
    ]);
    await page.screenshot({ path: screenshotPath('publish-dialog') });
    await dialog.getByRole('button', { name: 'Publish' }).click();
    await expect.poll(() => page.locator('.toolbar .status-badge').textContent()).toBe('active · v2');
    expect(engine.journey.version).toBe(2);
  });

  it('shows live counts on nodes, edges and the message funnel', async () => {
    const results = (id: string) => node(id).getByLabel('Step results');
    await expect.poll(() => results('trigger').textContent()).toContain('reached12');
    expect(await results('reminder').textContent()).toBe('reached7here now0sent7delivered6opened4clicked3converted2');
    expect(await node('reminder').locator('.node-stats__unsent').textContent()).toBe(
      'skipped 2, failed 1 (no address or device for the channel: 2; the provider rejected it: 1)',
    );
    expect(await page.locator('.react-flow__edge-text').allTextContents()).toContain('3 · 75%');
    expect(await results('golden_time').textContent()).toContain('converted 2 days1converted 1 day2');
    await page.screenshot({ path: screenshotPath('stats-overlay') });
    await page.getByRole('button', { name: 'Hide stats' }).click();
  });

  it('shows an earlier version read-only', async () => {
    await page.getByLabel('Version').selectOption('1');
    await page.getByText('Viewing version 1 (read-only).').waitFor();
    await node('reminder').click();
    await expect
      .poll(() => page.getByLabel(/^Title/).inputValue())
      .toBe('Still thinking about {{ event.properties.name }}?');
    expect(await page.getByLabel(/^Title/).isDisabled()).toBe(true);
    expect(await page.locator('[data-step="delay"]').isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Back to the draft' }).click();
    await expect.poll(() => page.getByLabel(/^Title/).inputValue()).toBe('Did you forget {{ event.properties.name }}?');
  });

  it('stops saving when another tab saved first, and says so', async () => {
    engine.saveElsewhere();
    await node('reminder').click();
    await page.getByLabel(/^Body/).fill('Still in your cart.');
    await expect.poll(() => saveIndicator().textContent()).toBe('Edited elsewhereReload');
  });

  it('suggests event names the engine received as the event is typed', async () => {
    await node('wait_2d').click();
    await page.getByLabel(/^Event/).fill('c');
    const suggestions = () =>
      page
        .getByLabel(/^Event/)
        .evaluate((input) => [...((input as HTMLInputElement).list?.options ?? [])].map((option) => option.value));
    await expect.poll(suggestions).toEqual(['checkout_started']);
    expect(
      engine.requests
        .filter((request) => request.path === '/api/events/names')
        .at(-1)
        ?.query.get('prefix'),
    ).toBe('c');
  });

  it('simulates with a real profile looked up by id', async () => {
    await page.getByRole('tab', { name: 'Simulate' }).click();
    await page.getByLabel('Real profile user id').fill('user-42');
    await page.getByRole('button', { name: 'Use profile' }).click();
    await expect.poll(() => page.getByLabel('Profile: first_name').inputValue()).toBe('Ada');
    await page.getByRole('tab', { name: 'Step' }).click();
  });

  it('looks a profile up: where the user is, with the workflow in the Temporal UI', async () => {
    await page.getByRole('link', { name: 'Profiles' }).click();
    await page.getByLabel('User id').fill('user-42');
    await page.getByRole('button', { name: 'Look up' }).click();
    const link = page.getByRole('link', { name: 'run in the Temporal UI' });
    expect(await link.getAttribute('href')).toBe(
      `${TEMPORAL_UI_URL}/namespaces/default/workflows/journey%3Acart-reminder%3Auser-42`,
    );
    // Names, not ids: the journey by its name, the step as its card says it, the wait in words.
    await expect
      .poll(() => page.locator('.entries').textContent())
      .toContain('at Wait up to 2 days for order_completed · waiting for order_completed, at most until');
    await expect
      .poll(() => page.locator('.entries').textContent())
      .toContain('Cart reminder (golden time A/B) (version 1)');
    expect(await page.locator('.entries').textContent()).not.toMatch(/wait_2d|cart-reminder|\{"/);
    await page.screenshot({ path: screenshotPath('profile') });
  });

  it('lists the outbox', async () => {
    await page.getByRole('link', { name: 'Outbox' }).click();
    const row = page.getByRole('row', { name: /user-42/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('Still thinking about Tablet case?');
    await expect.poll(() => row.textContent()).toContain('Cart reminder (golden time A/B)');
    expect(await row.textContent()).not.toContain('cart-reminder');
    await page.screenshot({ path: screenshotPath('outbox') });
  });

  it("edits settings as a form: the engine's validation shows at the field, the stored secret survives a save", async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    const limit = page.getByLabel('At most');
    await limit.fill('0');
    expect(await page.getByLabel('smtpUrl').getAttribute('type')).toBe('password');
    await page.getByLabel(/No messages during quiet hours/).check();
    await page.getByLabel('From').fill('22:00');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect
      .poll(() => page.locator('[data-path="contactPolicy.frequencyCaps.0.limit"] [role=alert]').textContent())
      .toBe('must be a whole number of at least 1');
    await page.screenshot({ path: screenshotPath('settings-invalid'), fullPage: true });
    await limit.fill('4');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved.').waitFor();
    expect(engine.storedSettings()).toEqual({
      contactPolicy: {
        quietHours: { start: '22:00', end: '08:00', action: 'defer' },
        frequencyCaps: [{ channel: 'all', limit: 4, within: 'P1D' }],
        throttle: {},
      },
      providers: { email: { provider: 'smtp', config: { smtpUrl: 'smtp://user:secret@mail.example.com:587' } } },
    });
  });
});
