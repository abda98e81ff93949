// @vitest-environment node
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDesigner, screenshotPath, skipBrowserTests, type DesignerSession } from './harness';

describe.skipIf(skipBrowserTests)('designer in headless Chromium', { timeout: 30_000 }, () => {
  let session: DesignerSession;
  let page: Page;

  beforeAll(async () => {
    session = await openDesigner();
    page = session.page;
  }, 60_000);
  afterAll(async () => {
    expect(session.pageErrors).toEqual([]);
    await session.close();
  });

  const nodes = () => page.locator('.react-flow__node');
  const edges = () => page.locator('.react-flow__edge');
  const problems = () => page.getByRole('region', { name: 'Problems' });

  it('signs in with the admin token when the engine offers no dev session', async () => {
    await page.goto(session.url);
    await page.getByLabel('Admin token').fill('wm_admin_test');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.evaluate(() => localStorage.getItem('waymark.adminToken'))).toBe('wm_admin_test');
    await page.getByRole('heading', { name: 'Journeys' }).waitFor();
    await page.screenshot({ path: screenshotPath('journeys-no-engine') });
  });

  it('opens a blank canvas that teaches where to start', async () => {
    await page.getByRole('link', { name: 'draw a journey on a blank canvas' }).click();
    await page.getByRole('heading', { name: 'Start with a trigger' }).waitFor();
    expect(await nodes().count()).toBe(0);
    // Unnamed, it says so in a sentence; the name is asked for before the first save makes its id.
    await expect.poll(() => problems().textContent()).toContain('Name: name the journey.');
    await page.getByLabel('Journey name').fill('Cart reminder');
  });

  it('drops a trigger from the palette and shows its validation error until the event is named', async () => {
    await page
      .locator('[data-step="trigger"]')
      .dragTo(page.locator('.react-flow__pane'), { targetPosition: { x: 500, y: 150 } });
    await expect.poll(() => nodes().count()).toBe(1);
    const trigger = nodes().first();
    await trigger.locator('.node-card__problems').waitFor();
    expect(await trigger.locator('.node-card__problems').textContent()).toBe('⚠ 1 error: Name the event.');
    expect(await problems().textContent()).toContain('When … happens: Name the event.');
    await page.screenshot({ path: screenshotPath('canvas-trigger-error') });

    await page.getByLabel(/^Event/).fill('added_to_cart');
    await expect.poll(() => trigger.locator('.node-card__summary').textContent()).toBe('When added_to_cart happens');
    await expect.poll(() => problems().textContent()).not.toContain('name the event');
  });

  it('adds a step after the selected one from the palette, then inserts one by dropping it on the edge', async () => {
    await page.locator('[data-step="exit"]').click();
    await expect.poll(() => nodes().count()).toBe(2);
    await expect.poll(() => edges().count()).toBe(1);
    await expect.poll(() => problems().locator('h2').textContent()).toBe('No errors');

    const box = (await edges().first().boundingBox())!;
    await page.locator('[data-step="waitForEvent"]').dragTo(page.locator('.react-flow__pane'), {
      targetPosition: {
        x: box.x + box.width / 2 - (await paneOffset(page)).x,
        y: box.y + box.height / 2 - (await paneOffset(page)).y,
      },
    });
    await expect.poll(() => nodes().count()).toBe(3);
    await expect.poll(() => edges().count()).toBe(2);
    const wait = page.locator('.react-flow__node-waitForEvent');
    expect(await wait.locator('.node-card__output-label').allTextContents()).toEqual(['matched', 'timeout']);
    // The new wait does not name its event yet: listed, and pinned on the node.
    await expect.poll(() => problems().locator('h2').textContent()).toMatch(/^1 error/);
    expect(await wait.locator('.node-card__problems').textContent()).toContain('Name the event.');
    await page.screenshot({ path: screenshotPath('canvas-inserted-on-edge') });
  });

  it('fixes the errors with the form and the palette, and walks a test user through it in the simulator', async () => {
    await page.getByLabel(/^Event/).fill('order_completed');
    await page.getByRole('button', { name: /^Message/ }).click();
    await expect.poll(() => edges().count()).toBe(3);
    await page.getByLabel(/^Title/).fill('Still thinking about {{ event.properties.name }}?');
    await page.getByLabel(/^Body/).fill('It is still in your cart.');
    await expect
      .poll(() => page.getByLabel('Push preview').textContent())
      .toContain('Still thinking about Tablet case?');
    await page.locator('[data-step="exit"]').click();
    await expect.poll(() => problems().locator('h2').textContent()).toBe('No errors');

    await page.getByRole('tab', { name: 'Simulate' }).click();
    await page.getByRole('button', { name: 'Run simulation' }).click();
    await page.getByLabel('Simulation timeline').waitFor();
    await expect.poll(() => page.locator('.node-card--highlighted').count()).toBe(4);
    expect(await page.locator('.react-flow__edge.edge--highlighted').count()).toBe(3);
    await page.screenshot({ path: screenshotPath('simulator-path') });
  });

  it('undoes, redoes and deletes with the keyboard', async () => {
    const before = await nodes().count();
    await page.locator('.react-flow__node-exit').last().click();
    await page.keyboard.press('Delete');
    await expect.poll(() => nodes().count()).toBe(before - 1);
    await page.keyboard.press('Control+z');
    await expect.poll(() => nodes().count()).toBe(before);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => nodes().count()).toBe(before - 1);
  });

  it('copies and pastes a step, and connects an output by dragging its handle', async () => {
    await expect.poll(() => problems().locator('h2').textContent()).toMatch(/^1 error/);
    await page.locator('.react-flow__node[data-id="exit_1"]').click();
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await expect.poll(() => nodes().count()).toBe(5);
    // Ids are reused once free: the copy of exit_1 takes the deleted exit_2's id, and is selected.
    const pasted = page.locator('.react-flow__node[data-id="exit_2"]');
    expect(await pasted.getAttribute('class')).toContain('selected');
    const pastedAt = await pasted.evaluate((card) => (card as HTMLElement).style.transform);
    await page.getByRole('button', { name: 'Tidy up' }).click();
    await expect.poll(() => pasted.evaluate((card) => (card as HTMLElement).style.transform)).not.toBe(pastedAt);
    const from = await settledBox(page.locator('.react-flow__node[data-id="message_1"] .react-flow__handle.source'));
    const to = await settledBox(pasted.locator('.react-flow__handle.target'));
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 10 });
    await page.mouse.up();
    await expect.poll(() => page.locator('.react-flow__edge[data-id="message_1:next->exit_2"]').count()).toBe(1);
    await expect.poll(() => problems().locator('h2').textContent()).toMatch(/^No errors/);
    await page.screenshot({ path: screenshotPath('canvas-connected') });
  });

  it('opens an example journey from the empty canvas, laid out and valid', async () => {
    await page.goto(`${session.url}/journeys/new`);
    await page.getByRole('button', { name: 'Onboarding to the habit point' }).click();
    await expect.poll(() => nodes().count()).toBe(8);
    // Laid out before it is shown: no two cards share a place.
    const places = await nodes().evaluateAll((cards) => cards.map((card) => (card as HTMLElement).style.transform));
    expect(new Set(places).size).toBe(8);
    await expect.poll(() => problems().locator('h2').textContent()).toBe('No errors');
    await page.screenshot({ path: screenshotPath('example-onboarding') });
  });
});

/** Where the pane starts on the page: dragTo's targetPosition is relative to the target element. */
async function paneOffset(page: Page): Promise<{ x: number; y: number }> {
  const box = (await page.locator('.react-flow__pane').boundingBox())!;
  return { x: box.x, y: box.y };
}

/** The box of an element once layout and the fit-view animation have stopped moving it. */
async function settledBox(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  let previous = '';
  await expect
    .poll(
      async () => {
        const box = JSON.stringify(await locator.boundingBox());
        const still = box === previous;
        previous = box;
        return still;
      },
      { interval: 150 },
    )
    .toBe(true);
  return JSON.parse(previous);
}
