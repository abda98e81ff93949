// @vitest-environment node
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe';
import { createFakeEngine } from './fake-engine';
import { openDesigner, screenshotPath, skipBrowserTests, type DesignerSession } from './harness';

const ACME = 'acme-cart-reminder-1a2b3c';
/** What a marketer should never have to read: node ids, operator codes, JSON. */
const developerWords = /waitForEvent_1|message_1|branch_1|exit_[12]|\b(eq|nin|withinLast|afterExit)\b|\{"/;

/**
 * Issue 15's "done means": someone new to Waymark builds on the cart reminder, tests its brand
 * filter and the buyer path in the simulator, publishes and reads its results without meeting an
 * id, a JSON blob or an operator code.
 */
describe.skipIf(skipBrowserTests)('a marketer new to Waymark, in headless Chromium', { timeout: 30_000 }, () => {
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

  const card = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
  const summary = (id: string) => card(id).locator('.node-card__summary').textContent();
  const timeline = () => page.getByLabel('Simulation timeline');

  it('is told when the engine hangs, and Retry works once it answers', async () => {
    await page.goto(session.url);
    await page.evaluate(() => localStorage.setItem('waymark.requestTimeoutMs', '1000'));
    engine.hang(true);
    await page.reload();
    const banner = page
      .getByRole('alert')
      .filter({ hasText: 'Could not load the journeys. The engine did not answer within 1 s' });
    await banner.waitFor();
    await page.screenshot({ path: screenshotPath('marketer-engine-hanging') });
    engine.hang(false);
    await banner.getByRole('button', { name: 'Retry' }).click();
    await page.getByRole('row', { name: /Acme cart reminder/ }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('names a new journey before it exists, so its address follows the name', async () => {
    await page.getByRole('button', { name: 'New journey' }).click();
    await page.getByLabel('Name the journey').fill('Spring sale');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/\/journeys\/spring-sale-4ada70$/);
    expect(await page.getByLabel('Journey name').inputValue()).toBe('Spring sale');
  });

  it('reads every step in words: filters, waits, branches and messages', async () => {
    await page.goto(`${session.url}/journeys/${ACME}`);
    await expect.poll(() => summary('trigger')).toBe('When added_to_cart happens where brand is acme');
    expect(await summary('waitForEvent_1')).toBe('Wait up to 1 day for order_completed');
    expect(await summary('branch_1')).toBe(
      'If clicked “Push: Still thinking about «name»?” → Clicked; otherwise → Else',
    );
    expect(await page.locator('.react-flow__edge').first().getAttribute('class')).toBeTruthy();
    expect(await page.locator('.react-flow__edge path[marker-end]').count()).toBeGreaterThan(0);
    expect(await page.locator('.editor').innerText()).not.toMatch(developerWords);
    // Fields a message prints read as chips named as the personalisation picker names them.
    expect(await card('message_1').locator('.field-chip').allTextContents()).toEqual(['«name»']);
    expect(await page.locator('.react-flow').innerText()).not.toContain('{{');
    await page.screenshot({ path: screenshotPath('marketer-canvas') });
  });

  it('picks messages by their title and operators in words', async () => {
    await card('branch_1').click();
    const message = page.getByLabel('Message', { exact: true });
    expect(await message.locator('option:checked').textContent()).toBe('Push: Still thinking about «name»?');
    expect(await page.getByLabel('Engagement').locator('option').allTextContents()).toEqual([
      'received',
      'opened',
      'clicked',
    ]);
    await card('trigger').click();
    expect(await page.getByLabel('Operator').locator('option:checked').textContent()).toBe('is');
    expect(await page.getByLabel('Operator').locator('option').allTextContents()).toContain('is none of');
    // The field a condition tests is suggested from what real profiles and events carry.
    const suggested = () =>
      page
        .getByLabel('Field', { exact: true })
        .evaluate((input) => [...((input as HTMLInputElement).list?.options ?? [])].map((option) => option.value));
    await expect.poll(suggested).toEqual(expect.arrayContaining(['profile.firstName', 'event.properties.brand']));
    expect(await page.locator('.side-panel').innerText()).not.toMatch(developerWords);
  });

  it('tests the brand filter in the simulator, and keeps what was entered across tabs', async () => {
    await page.getByRole('tab', { name: 'Simulate' }).click();
    const brand = page.getByLabel('Event properties: brand');
    await expect.poll(() => brand.inputValue()).toBe('acme');
    await page.getByText('This event passes the trigger’s filter').waitFor();
    await brand.fill('nike');
    await page.getByText('This event does not pass the trigger’s filter').waitFor();
    await page.getByRole('button', { name: 'Run simulation' }).click();
    await page
      .getByText('The person does not enter: the entry event does not pass the trigger’s filter (brand is acme).')
      .waitFor();
    await page.getByRole('tab', { name: 'Step' }).click();
    await page.getByRole('tab', { name: 'Simulate' }).click();
    expect(await page.getByLabel('Event properties: brand').inputValue()).toBe('nike');
    await page.getByLabel('Event properties: brand').fill('acme');
  });

  it('walks the buyer path, then the clicker path, each step saying why, times on both clocks', async () => {
    await page.getByRole('button', { name: '+ Add what they do' }).click();
    await page.getByLabel('Step 1: event name').fill('order_completed');
    await page.getByRole('button', { name: 'Run simulation' }).click();
    await expect.poll(() => timeline().innerText()).toContain('order_completed happened in time: took “matched”.');
    expect(await timeline().innerText()).toContain('Left the journey at an exit step');

    await page.getByLabel('Step 1: what they do').selectOption({ label: 'Clicks Push: Still thinking about «name»?' });
    await page.getByRole('button', { name: 'Run simulation' }).click();
    await expect
      .poll(() => timeline().innerText())
      .toContain('order_completed did not happen within 1 day: took “timeout”.');
    const text = await timeline().innerText();
    expect(text).toContain('Sent by Push.');
    expect(text).toContain('clicked “Push: Still thinking about «name»?” (met). Took “Clicked”.');
    expect(text).toContain('their time (Asia/Seoul)');
    expect(text).toContain('journey time (Europe/Paris)');
    expect(await page.locator('.node-card--highlighted').count()).toBe(5);
    expect(await page.locator('.side-panel').innerText()).not.toMatch(developerWords);
    await page.screenshot({ path: screenshotPath('marketer-simulator') });
  });

  it('counts a click only once the message is sent: a click an hour later misses the branch right after it', async () => {
    await page.getByLabel('Step 1: when').selectOption({ label: 'some time after it is sent' });
    await page.getByLabel('Step 1: after amount').fill('1');
    await page.getByLabel('Step 1: after unit').selectOption('hours');
    await page.getByRole('button', { name: 'Run simulation' }).click();
    await expect
      .poll(() => timeline().innerText())
      .toContain('None of the paths matched: clicked “Push: Still thinking about «name»?” (not met). Took “Else”.');
    const entries = await timeline().locator('li').allInnerTexts();
    // The click comes after the branch, an hour after the push was sent.
    expect(entries.at(-1)).toContain('Clicked a link in “Push: Still thinking about «name»?”.');
    expect(entries.findIndex((entry) => entry.includes('Sent by Push.'))).toBeLessThan(entries.length - 2);
    // Both outputs lead to the same exit: the one taken is lit.
    expect(
      await page.locator('.react-flow__edge.edge--highlighted[data-id^="branch_1:"]').getAttribute('data-id'),
    ).toBe('branch_1:else->exit_2');
    await page.screenshot({ path: screenshotPath('marketer-simulator-click-after-send') });
    await page.getByLabel('Step 1: when').selectOption({ label: 'as soon as it is sent' });
  });

  it('personalises a message from fields real profiles carry, warned when a variable would print nothing', async () => {
    await page.getByRole('tab', { name: 'Step' }).click();
    await card('message_1').click();
    // Real profiles say firstName; the test profile says first_name: the preview would read "Hi ,".
    await expect
      .poll(() => page.getByLabel('Personalisation warnings').textContent())
      .toContain('“firstName” is empty for the test profile');
    expect(await page.locator('.phone').count()).toBe(1);
    await page.getByLabel(/^Body/).click();
    await page.getByLabel(/^Body/).press('End');
    await page.getByLabel('Personalise').selectOption({ label: 'Event: brand (e.g. acme)' });
    await expect
      .poll(() => page.getByLabel(/^Body/).inputValue())
      .toBe('Hi {{ profile.firstName }}, it is still in your cart.{{ event.properties.brand }}');
    await expect.poll(() => page.getByLabel('Push preview').textContent()).toContain('it is still in your cart.acme');
    await page.screenshot({ path: screenshotPath('marketer-message') });
  });

  it('publishes and reads the results: journey totals, and why messages were not sent', async () => {
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Adds “When added_to_cart happens where brand is acme”', { exact: false }).waitFor();
    expect(await dialog.innerText()).not.toMatch(developerWords);
    await dialog.getByRole('button', { name: 'Publish' }).click();
    await expect
      .poll(() => page.getByLabel('Journey results').textContent())
      .toBe('Version 1Entered40In the journey now5Converted8Conversion rate20%');
    await expect
      .poll(() => card('message_1').locator('.node-stats__unsent').textContent())
      .toBe('skipped 3 (no address or device for the channel: 3)');
    expect(await page.locator('.editor').innerText()).not.toMatch(developerWords);
    await page.screenshot({ path: screenshotPath('marketer-results') });
  });

  it('meets no serious accessibility violations on the main pages', async () => {
    const pages = [
      ['/', 'Journeys'],
      [`/journeys/${ACME}`, undefined],
      ['/profiles/user-42', 'Profiles'],
      ['/outbox', 'Outbox'],
      ['/settings', 'Settings'],
    ] as const;
    for (const [path, heading] of pages) {
      await page.goto(`${session.url}${path}`);
      if (heading) await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      else await page.locator('.react-flow__node').first().waitFor();
      expect(await seriousViolations(page), path).toEqual([]);
    }
    // The editor's panels: a message with its phone preview and personalisation, then the simulator with a run.
    await page.goto(`${session.url}/journeys/${ACME}`);
    await card('message_1').click();
    await page.locator('.phone').waitFor();
    expect(await seriousViolations(page), 'message step').toEqual([]);
    await page.getByRole('tab', { name: 'Simulate' }).click();
    await page.getByRole('button', { name: 'Run simulation' }).click();
    await timeline().waitFor();
    expect(await seriousViolations(page), 'simulator').toEqual([]);
  });

  it('writes an email from blocks, without HTML, previewed as the engine builds it', async () => {
    await page.getByRole('tab', { name: 'Step' }).click();
    await card('message_1').click();
    await page.getByLabel('Message type').selectOption({ label: 'Email' });
    await page.getByLabel(/^Subject/).fill('The spring sale is on');
    const add = page.getByRole('toolbar', { name: 'Add to the email' });
    await add.getByRole('button', { name: '+ Heading' }).click();
    await page.getByLabel('Block 1: heading').fill('Spring sale');
    await add.getByRole('button', { name: '+ Text' }).click();
    await page.getByLabel('Block 2: text').fill('Your ');
    await page.getByLabel('Block 2: text').press('End');
    await page.getByLabel('Personalise').selectOption({ label: 'Event: name (e.g. Tablet case)' });
    await page.getByLabel('Block 2: text').press('End');
    await page.getByLabel('Block 2: text').pressSequentially(' is 20% off & ships free.');
    await expect
      .poll(() => page.getByLabel('Block 2: text').inputValue())
      .toBe('Your {{ event.properties.name }} is 20% off & ships free.');
    await add.getByRole('button', { name: '+ Button' }).click();
    await page.getByLabel('Block 3: button label').fill('See the sale');
    await page.getByLabel('Block 3: button link').fill('https://shop.example/sale');
    await page.getByRole('button', { name: 'Move block 3 up' }).click();
    expect(await page.getByLabel('Block 2: button label').inputValue()).toBe('See the sale');

    // The preview runs Liquid, then MJML, as a send does.
    const frame = page.frameLocator('iframe[title="Email body"]');
    await expect.poll(() => frame.locator('body').innerText()).toContain('Your Tablet case is 20% off & ships free.');
    expect(await frame.locator('body').innerText()).toContain('Spring sale');
    expect(await frame.getByRole('link', { name: 'See the sale' }).getAttribute('href')).toBe(
      'https://shop.example/sale',
    );
    expect(await seriousViolations(page), 'email editor').toEqual([]);
    await page.screenshot({ path: screenshotPath('marketer-email-blocks') });
    await page.getByLabel('Email preview').screenshot({ path: screenshotPath('marketer-email-blocks-preview') });

    // What is saved is MJML, which the engine renders at send time.
    await expect
      .poll(() => {
        const saves = engine.requests.filter((r) => r.method === 'PUT' && r.path === `/api/journeys/${ACME}`);
        const node = (
          saves.at(-1)?.body as { graph?: { nodes: { id: string; data: { template?: { html?: string } } }[] } }
        )?.graph?.nodes.find((n) => n.id === 'message_1');
        return node?.data.template?.html ?? '';
      })
      .toMatch(/^<mjml>[\s\S]*<mj-button href="https:\/\/shop.example\/sale">See the sale<\/mj-button>/);
    await add.getByRole('button', { name: 'Edit as code' }).click();
    expect(await page.getByLabel('Html code').inputValue()).toContain('<mj-text>Your {{ event.properties.name }}');
    await page.getByRole('button', { name: 'Back to the block editor' }).click();
    await page.getByLabel('Block 1: heading').waitFor();
  });

  it('formats hand-written HTML without writing tags, and sees it in the preview', async () => {
    await page.getByRole('toolbar', { name: 'Add to the email' }).getByRole('button', { name: 'Edit as code' }).click();
    const html = page.getByLabel('Html code');
    await html.fill('Spring sale');
    await html.press('Control+a');
    await page.getByRole('toolbar', { name: 'Format the email' }).getByRole('button', { name: 'Bold' }).click();
    await expect.poll(() => html.inputValue()).toBe('<strong>Spring sale</strong>');
    await page.getByText('This email is written as code, so it is edited as code.').waitFor();
    await expect
      .poll(() => page.frameLocator('iframe[title="Email body"]').locator('strong').textContent())
      .toBe('Spring sale');
    await page.screenshot({ path: screenshotPath('marketer-email') });
  });
});
