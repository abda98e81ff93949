import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/services/paths.js';
import { startHarness, tokens, type Harness } from '../engine-harness.js';
import { shared, waitForEmailTo } from '../helpers.js';
import { SettingsModel } from '../../src/models/index.js';
import { launchChromium, screenshotPath, skipBrowserTests } from './browser.js';
import { connect, dropStep, dropStepBelow, nodeCard } from './canvas-actions.js';
import { pollUntil } from '../../src/services/wait.js';

const designerDir = join(repoRoot, 'designer', 'dist');

/** Issue 6: the cart reminder built, published and watched in the designer the engine serves, in real Chromium. */
describe.skipIf(skipBrowserTests)(
  'the designer against the real engine (headless Chromium)',
  { timeout: 45_000 },
  () => {
    let h: Harness;
    let browser: Browser;
    let page: Page;
    const pageErrors: string[] = [];
    let journeyId: string;
    /** The customer whose events go through the API. */
    const user = `ann-${Date.now()}`;

    beforeAll(async () => {
      expect(existsSync(join(designerDir, 'index.html')), 'designer/dist is missing: run `npm run build` first').toBe(
        true,
      );
      h = await startHarness('designer-e2e', { designerDir });
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      page.setDefaultTimeout(10_000);
      page.on('pageerror', (error) => pageErrors.push(error.message));
    });
    afterAll(async () => {
      expect(pageErrors).toEqual([]);
      await browser?.close();
      await h?.stop();
    });

    /** Polls what the page shows, as long as engine/vitest.config.ts lets expect.poll wait (the browser shares the cores). */
    const eventually = <T>(read: () => Promise<T>) => expect.poll(read);
    const nodes = () => page.locator('.react-flow__node');
    const edges = () => page.locator('.react-flow__edge');
    const problems = () => page.getByRole('region', { name: 'Problems' });
    const publishButton = () => page.getByRole('button', { name: 'Publish', exact: true });
    const dataIds = (selector: string) =>
      page.locator(selector).evaluateAll((found) => found.map((e) => e.getAttribute('data-id')).sort());
    const highlightedNodes = () => dataIds('.react-flow__node:has(.node-card--highlighted)');
    const highlightedEdges = () => dataIds('.react-flow__edge.edge--highlighted');

    /** Publishes the draft through the confirm dialog, which lists what changed since the last version. */
    async function publishNext(version: number, change: string) {
      await publishButton().click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('heading', { name: `Publish version ${version}?` }).waitFor();
      await dialog.getByText(change).waitFor();
      await page.screenshot({ path: screenshotPath(`e2e-publish-v${version}`) });
      await dialog.getByRole('button', { name: 'Publish' }).click();
      await eventually(() => page.locator('.toolbar .status-badge').textContent()).toBe(`active · v${version}`);
    }

    it('signs in with the admin token and builds the journey from an empty canvas', async () => {
      await page.goto(`${h.app.base}/journeys/new`);
      await page.getByLabel('Admin token').fill(tokens.adminToken);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Start with a trigger' }).waitFor();
      // A blank canvas asks for a name first: the id is made from it at the first save.
      await eventually(() => problems().textContent()).toContain('Name: name the journey.');
      await page.getByLabel('Journey name').fill('Cart reminder (e2e)');

      await dropStep(page, 'trigger', { x: 450, y: 80 });
      await eventually(() => nodes().count()).toBe(1);
      await page.getByLabel(/^Event/).fill('added_to_cart');
      await eventually(() => nodeCard(page, 'trigger_1').locator('.node-card__summary').textContent()).toBe(
        'When added_to_cart happens',
      );

      await dropStepBelow(page, 'waitForEvent', nodeCard(page, 'trigger_1'));
      await eventually(() => nodes().count()).toBe(2);
      await page.getByLabel(/^Event/).fill('order_completed');
      expect(await nodeCard(page, 'waitForEvent_1').locator('.node-card__summary').textContent()).toBe(
        'Wait up to 2 days for order_completed',
      );
      // Not connected yet: the trigger's output is an error, pinned on the card and listed.
      expect(await nodeCard(page, 'trigger_1').locator('.node-card__problems').textContent()).toContain(
        'not connected',
      );
      expect(await problems().textContent()).toContain(
        'When added_to_cart happens: The arrow out of this step is not connected',
      );
      await connect(
        page,
        nodeCard(page, 'trigger_1').locator('.react-flow__handle.source'),
        nodeCard(page, 'waitForEvent_1'),
      );
      await eventually(() => edges().count()).toBe(1);
      await eventually(() => nodeCard(page, 'trigger_1').locator('.node-card__problems').count()).toBe(0);

      await dropStepBelow(page, 'message', nodeCard(page, 'waitForEvent_1'));
      await eventually(() => nodes().count()).toBe(3);
      await page.getByLabel('Message type').selectOption({ label: 'Email' });
      // Written as code here; the block editor is tested in designer/test/e2e/marketer.test.ts.
      await page.getByRole('button', { name: 'Edit as code' }).click();
      await page.getByLabel('Html code').fill('<p>{{ event.properties.name }} is still in your cart.</p>');
      await connect(
        page,
        nodeCard(page, 'waitForEvent_1').getByTitle('Drag to connect “timeout”'),
        nodeCard(page, 'message_1'),
      );
      await eventually(() => edges().count()).toBe(2);
      // The email has no subject yet: pinned on its card and listed among the problems.
      await eventually(() => nodeCard(page, 'message_1').locator('.node-card__problems').textContent()).toContain(
        'Subject is required',
      );
      expect(await problems().textContent()).toContain('Subject is required');

      // Exits from the palette land after the selected step's free output, connected.
      await page.locator('[data-step="exit"]').click();
      await nodeCard(page, 'waitForEvent_1').click();
      await page.locator('[data-step="exit"]').click();
      await eventually(() => nodes().count()).toBe(5);
      await eventually(() => edges().count()).toBe(4);
      // The message's error keeps its successors out of the compiled graph; no knock-on warning says exit_1 is unreachable.
      await eventually(() => problems().locator('h2').textContent()).toBe('1 error');
      await page.screenshot({ path: screenshotPath('e2e-editor-with-error') });

      await page.getByRole('button', { name: 'Save draft' }).click();
      await page.waitForURL((url) => /^\/journeys\/(?!new$)[^/]+$/.test(url.pathname));
      journeyId = new URL(page.url()).pathname.split('/').pop()!;
      // The id is made from the name given before the first save, not from "Untitled journey".
      expect(journeyId).toMatch(/^cart-reminder-e2e-[0-9a-f]{6}$/);
      expect(await publishButton().isDisabled()).toBe(true);
      expect(await publishButton().getAttribute('title')).toBe('Fix 1 error to publish');

      await nodeCard(page, 'message_1').click();
      await page.getByLabel(/^Subject/).fill('Still thinking about {{ event.properties.name }}?');
      await eventually(() => problems().locator('h2').textContent()).toBe('No errors');
      await eventually(() => publishButton().isEnabled()).toBe(true);
      await page.screenshot({ path: screenshotPath('e2e-editor') });
      await publishNext(
        1,
        'Adds “When added_to_cart happens”, “Wait up to 2 days for order_completed”, “Email: Still thinking about «name»?”, “Leave the journey”, “Leave the journey”',
      );

      const { body: journey } = await h.api('GET', `/api/journeys/${journeyId}`);
      expect(journey).toMatchObject({ name: 'Cart reminder (e2e)', status: 'active', version: 1 });
      const { body: v1 } = await h.api('GET', `/api/journeys/${journeyId}/versions/1`);
      expect(
        v1.document.graph.edges
          .map(
            (e: { source: string; sourceHandle?: string; target: string }) =>
              `${e.source}:${e.sourceHandle ?? 'next'}->${e.target}`,
          )
          .sort(),
      ).toEqual([
        'message_1:next->exit_1',
        'trigger_1:next->waitForEvent_1',
        'waitForEvent_1:matched->exit_2',
        'waitForEvent_1:timeout->message_1',
      ]);
      expect(v1.document.graph.nodes.find((n: { id: string }) => n.id === 'waitForEvent_1').data).toEqual({
        event: 'order_completed',
        timeout: 'P2D',
      });
      expect(v1.document.graph.nodes.find((n: { id: string }) => n.id === 'message_1').data).toEqual({
        channel: 'email',
        template: {
          subject: 'Still thinking about {{ event.properties.name }}?',
          html: '<p>{{ event.properties.name }} is still in your cart.</p>',
        },
      });
    });

    it('walks a test profile and an event script through the simulator and lights up the path', async () => {
      await page.getByRole('tab', { name: 'Simulate' }).click();
      await page.getByLabel('Profile: userId').fill('sim-1');
      await page.getByRole('button', { name: '+ Add what they do' }).click();
      await page.getByLabel('Step 1: event name').fill('order_completed');
      await page.getByRole('button', { name: 'Run simulation' }).click();
      await page.getByLabel('Simulation timeline').waitFor();
      await eventually(() => highlightedNodes()).toEqual(['exit_2', 'trigger_1', 'waitForEvent_1']);
      expect(await highlightedEdges()).toEqual(['trigger_1:next->waitForEvent_1', 'waitForEvent_1:matched->exit_2']);
      expect(await page.getByLabel('Simulation timeline').textContent()).toContain(
        'order_completed happened in time: took “matched”.',
      );
      await page.screenshot({ path: screenshotPath('e2e-simulator') });

      // Without the order the wait times out and the email goes out, rendered for the test profile.
      await page.getByRole('button', { name: 'Remove step 1' }).click();
      await page.getByRole('button', { name: 'Run simulation' }).click();
      await eventually(() => highlightedNodes()).toEqual(['exit_1', 'message_1', 'trigger_1', 'waitForEvent_1']);
      expect(await highlightedEdges()).toEqual([
        'message_1:next->exit_1',
        'trigger_1:next->waitForEvent_1',
        'waitForEvent_1:timeout->message_1',
      ]);
      expect(await page.getByLabel('Simulation timeline').textContent()).toContain('Still thinking about Tablet case?');
      await page.getByRole('tab', { name: 'Step' }).click();
    });

    it('counts the entry and the email of events sent through the API on the stats overlay', async () => {
      // The form offers minutes and up; a wait of seconds keeps the run short, so it is set through the API.
      // The open designer may autosave in between (it lays the journey out again when results make cards
      // taller): a 409 then means "read again and retry", as for any client.
      await pollUntil('the timeout to be saved', async () => {
        const { body: draft } = await h.api('GET', `/api/journeys/${journeyId}`);
        const wait = draft.draft.graph.nodes.find((n: { id: string }) => n.id === 'waitForEvent_1');
        wait.data.timeout = 'PT2S';
        const { status } = await h.api('PUT', `/api/journeys/${journeyId}`, {
          ...draft.draft,
          revision: draft.revision,
        });
        return status === 200 ? true : undefined;
      });
      await page.reload();
      await eventually(() => nodeCard(page, 'waitForEvent_1').locator('.node-card__summary').textContent()).toContain(
        'order_completed',
      );
      await publishNext(2, 'Changes “Wait up to 2 seconds for order_completed”');

      // A live journey shows its results: on the cards, and in words and totals at the top.
      const results = (id: string) => nodeCard(page, id).getByLabel('Step results');
      await eventually(() => results('trigger_1').textContent()).toBe('reached0here now0');
      await h.identify(user, { email: `${user}@example.com`, first_name: 'Ann' });
      await h.track(user, 'added_to_cart', { productId: 'p1', name: 'Tablet case' });

      // The overlay refreshes while open: the entry, the wait's timeout and the delivered email show up.
      const overlay = { timeout: 20_000, interval: 500 };
      await expect.poll(() => results('exit_1').textContent(), overlay).toBe('reached1here now0left here1');
      expect(await results('trigger_1').textContent()).toBe('reached1here now0');
      // Delivered as soon as the SMTP relay accepted it, not only once opened.
      expect(await results('message_1').textContent()).toBe(
        'reached1here now0sent1delivered1opened0clicked0converted0',
      );
      await expect
        .poll(() => page.getByLabel('Journey results').textContent(), overlay)
        .toBe('Version 2Entered1In the journey now0Converted0Conversion rate0%');
      expect(await page.locator('.react-flow__edge-text').allTextContents()).toEqual(
        expect.arrayContaining(['1 · 100%']),
      );
      await page.screenshot({ path: screenshotPath('e2e-stats-overlay') });

      const email = await waitForEmailTo(`${user}@example.com`);
      expect(email.subject).toBe('Still thinking about Tablet case?');
      expect(email.html).toContain('Tablet case is still in your cart.');
      const { body: stats } = await h.api('GET', `/api/journeys/${journeyId}/stats?version=2`);
      expect(stats).toMatchObject({
        version: 2,
        nodes: { trigger_1: { entered: 1 }, message_1: { entered: 1 }, exit_1: { exited: 1 } },
        messages: { message_1: { delivered: 1 } },
      });
      await page.getByRole('button', { name: 'Hide stats' }).click();
    });

    it('previews an edited message and saves the edit to the draft', async () => {
      await nodeCard(page, 'message_1').click();
      const subject = page.getByLabel('Email preview').locator('.preview-email__subject');
      await eventually(() => subject.textContent()).toBe('Still thinking about Tablet case?');
      // Rendered for a real profile, looked up in the engine by user id.
      // Opened from the keyboard: a mouse click on this summary, scrolled into the panel's view first, did not always register.
      await page.locator('summary', { hasText: 'Test person and event the preview uses' }).press('Enter');
      await page.getByLabel('Real profile user id').fill(user);
      await page.getByRole('button', { name: 'Use profile' }).click();
      await eventually(() => page.getByLabel('Test profile: first_name').inputValue()).toBe('Ann');
      await page.getByLabel(/^Subject/).fill('{{ profile.first_name }}, your {{ event.properties.name }} is waiting');
      await page.getByLabel('Html code').fill('<p>Only {{ event.properties.name }} left.</p>');
      await eventually(() => subject.textContent()).toBe('Ann, your Tablet case is waiting');
      await eventually(() => page.frameLocator('iframe[title="Email body"]').locator('p').textContent()).toBe(
        'Only Tablet case left.',
      );
      await page.screenshot({ path: screenshotPath('e2e-message-preview') });

      const savedTemplate = async () =>
        (await h.api('GET', `/api/journeys/${journeyId}`)).body.draft.graph.nodes.find(
          (n: { id: string }) => n.id === 'message_1',
        ).data.template;
      await eventually(savedTemplate).toEqual({
        subject: '{{ profile.first_name }}, your {{ event.properties.name }} is waiting',
        html: '<p>Only {{ event.properties.name }} left.</p>',
      });
      await eventually(() => page.locator('.save-indicator').textContent()).toBe('All changes saved');
    });

    it('lists the journey with its version and entries', async () => {
      await page.getByRole('link', { name: 'Journeys' }).click();
      const row = page.getByRole('row', { name: /Cart reminder \(e2e\)/ });
      await row.waitFor();
      expect((await row.getByRole('cell').allTextContents()).slice(0, 5)).toEqual([
        'Cart reminder (e2e)',
        'active',
        'v2',
        '1',
        '0 (0%)',
      ]);
      await page.screenshot({ path: screenshotPath('e2e-journeys-list') });
    });

    it("shows the sent email in the outbox and on the customer's profile", async () => {
      await page.getByRole('link', { name: 'Outbox' }).click();
      const row = page.getByRole('row', { name: new RegExp(user) });
      await row.waitFor();
      // The journey by its name (shown once the journey list has loaded), never its id.
      await eventually(async () => (await row.getByRole('cell').allTextContents()).slice(1)).toEqual([
        user,
        'Cart reminder (e2e)',
        'Email',
        'delivered',
        'Still thinking about Tablet case?',
      ]);
      await page.screenshot({ path: screenshotPath('e2e-outbox') });

      await row.getByRole('link', { name: user }).click();
      await page.getByRole('heading', { name: `Where ${user} is now` }).waitFor();
      // The entry has ended at exit_1, so the customer is in no journey any more.
      expect(await page.getByText('Not in any journey right now.').count()).toBe(1);
      expect(await page.getByRole('row', { name: 'first_name Ann' }).count()).toBe(1);
      expect(await page.getByRole('row', { name: /Still thinking about Tablet case\?/ }).count()).toBe(1);
      await page.screenshot({ path: screenshotPath('e2e-profile') });
    });

    it('edits the contact policy as a form: the engine names the bad field, then saves and keeps the SMTP secret', async () => {
      await page.getByRole('link', { name: 'Settings' }).click();
      await page.getByRole('button', { name: 'Add cap', exact: true }).click();
      const limit = page.getByLabel('At most');
      await limit.fill('0');
      expect(await page.getByLabel('smtpUrl').getAttribute('type')).toBe('password');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await eventually(() =>
        page.locator('[data-path="contactPolicy.frequencyCaps.0.limit"] [role=alert]').textContent(),
      ).toBe('must be a whole number of at least 1');
      await limit.fill('3');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByText('Saved.').waitFor();
      await page.screenshot({ path: screenshotPath('e2e-settings'), fullPage: true });

      const { body } = await h.api('GET', '/api/settings');
      expect(body.contactPolicy.frequencyCaps).toEqual([expect.objectContaining({ limit: 3 })]);
      expect(body.providers.email).toEqual({ provider: 'smtp', config: { smtpUrl: '********' } });
      // The secret the engine was configured with is still what it sends with.
      expect((await SettingsModel.findById('workspace').lean())?.providers).toMatchObject({
        email: { config: { smtpUrl: shared().smtpUrl } },
      });
    });
  },
);
