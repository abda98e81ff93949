import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfileModel } from '../../src/models/index.js';
import { repoRoot } from '../../src/services/paths.js';
import { startHarness, tokens, type Harness } from '../engine-harness.js';
import { launchChromium, screenshotPath, skipBrowserTests } from './browser.js';
import { dropStep, dropStepBelow, nodeCard } from './canvas-actions.js';

const designerDir = join(repoRoot, 'designer', 'dist');

/** The context node and action paths in the palette, on the canvas and in their generated forms (real Chromium). */
describe.skipIf(skipBrowserTests)('the designer edits context nodes and action paths', { timeout: 45_000 }, () => {
  let h: Harness;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    expect(existsSync(join(designerDir, 'index.html')), 'designer/dist is missing: run `npm run build` first').toBe(
      true,
    );
    h = await startHarness('designer-language', { designerDir, worker: false, smtp: false });
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

  const eventually = <T>(read: () => Promise<T>) => expect.poll(read);
  const summary = (id: string) => nodeCard(page, id).locator('.node-card__summary').textContent();

  it('drops a context node, edits its variables, and turns a wait into action paths with one output each', async () => {
    await page.goto(`${h.app.base}/journeys/new`);
    await page.getByLabel('Admin token').fill(tokens.adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Start with a trigger' }).waitFor();
    await dropStep(page, 'trigger', { x: 450, y: 80 });
    await page.getByLabel(/^Event/).fill('added_to_cart');

    expect(await page.locator('[data-step="context"]').textContent()).toContain('Context');
    await dropStepBelow(page, 'context', nodeCard(page, 'trigger_1'));
    await eventually(() => summary('context_1')).toBe('Set vars.productId');
    await page.getByLabel('Set key 1').fill('product');
    await page.getByLabel(/^Path/).fill('trigger.properties.sku');
    await page.getByRole('button', { name: '+ Add entry' }).click();
    await page.getByLabel('Set value 2 type').selectOption({ label: 'text or Liquid' });
    await page.getByLabel(/^Set value 2$/).fill('{{ trigger.properties.name | upcase }}');
    await eventually(() => summary('context_1')).toBe('Set vars.product, vars.field_2');

    await dropStepBelow(page, 'waitForEvent', nodeCard(page, 'context_1'));
    await page.getByLabel('Wait for event type').selectOption({ label: 'first of several (action paths)' });
    await page.getByRole('button', { name: '+ Add event' }).click();
    await page.getByLabel(/^ID/).fill('bought');
    await page.getByLabel(/^Event/).fill('order_completed');
    await eventually(() => summary('waitForEvent_1')).toBe(
      'Wait up to 2 days for the first of: order_completed → bought',
    );
    expect(await nodeCard(page, 'waitForEvent_1').getByTitle('Drag to connect “bought”').count()).toBe(1);
    expect(await nodeCard(page, 'waitForEvent_1').getByTitle('Drag to connect “timeout”').count()).toBe(1);
    await page.screenshot({ path: screenshotPath('e2e-context-and-action-paths') });

    await page.getByLabel('Journey name').fill('Language (e2e)');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.waitForURL((url) => /^\/journeys\/(?!new$)[^/]+$/.test(url.pathname));
    const { body } = await h.api('GET', `/api/journeys/${new URL(page.url()).pathname.split('/').pop()!}`);
    const data = (id: string) => body.draft.graph.nodes.find((n: { id: string }) => n.id === id).data;
    expect(data('context_1')).toEqual({
      set: { product: { path: 'trigger.properties.sku' }, field_2: '{{ trigger.properties.name | upcase }}' },
    });
    expect(data('waitForEvent_1')).toEqual({ events: [{ id: 'bought', event: 'order_completed' }], timeout: 'P2D' });
  });

  it('estimates the audience of a segment trigger', async () => {
    await ProfileModel.insertMany([
      { userId: 'est-1', traits: { plan: 'pro' } },
      { userId: 'est-2', traits: {} },
    ]);
    await nodeCard(page, 'trigger_1').click();
    await page.getByLabel('Trigger type').selectOption({ label: 'When someone starts matching a segment' });
    await page.getByRole('button', { name: 'Estimate audience' }).click();
    // The default condition is "profile.plan exists".
    await eventually(() => page.locator('.audience-estimate').textContent()).toContain('1 of 2 profiles match now');
  });
});
