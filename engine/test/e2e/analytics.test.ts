import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntryModel } from '../../src/models/index.js';
import { pollUntil } from '../../src/services/wait.js';
import { repoRoot } from '../../src/services/paths.js';
import { startHarness, tokens, type Harness } from '../engine-harness.js';
import { experiment } from '../experiments/experiment-journey.js';
import { launchChromium, screenshotPath, skipBrowserTests } from './browser.js';

const designerDir = join(repoRoot, 'designer', 'dist');
const USERS = 30;

/** Issue 12: the analytics page of a running experiment, read in real Chromium against the real engine. */
describe.skipIf(skipBrowserTests)('journey analytics in the designer (headless Chromium)', { timeout: 60_000 }, () => {
  let h: Harness;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  let journeyId: string;

  beforeAll(async () => {
    expect(existsSync(join(designerDir, 'index.html')), 'designer/dist is missing: run `npm run build` first').toBe(
      true,
    );
    h = await startHarness('analytics-e2e', { designerDir, smtp: false });
    journeyId = (await h.api<{ id: string }>('POST', '/api/journeys', experiment)).body.id;
    await h.api('POST', `/api/journeys/${journeyId}/publish`);
    for (let i = 0; i < USERS; i++) {
      const user = `viewer-${Date.now()}-${i}`;
      await h.identify(user, { phone: `+1555010${String(i).padStart(4, '0')}` });
      await h.track(user, 'signed_up');
    }
    await pollUntil(
      'every entry to wait',
      async () => ((await EntryModel.countDocuments({ journeyId, currentNode: 'wait' })) === USERS ? true : undefined),
      { timeoutMs: 60_000 },
    );
    // Arm B converts, arm A does not; so does one in two of the control group.
    const entries = await EntryModel.find({ journeyId }).lean();
    const buyers = entries.filter((e, i) => (e.holdout ? i % 2 === 0 : e.arms[0]!.arm === 'b'));
    for (const entry of buyers) await h.track(entry.userId, 'purchased');
    await pollUntil(
      'the conversions',
      async () =>
        (await EntryModel.countDocuments({ journeyId, convertedAt: { $exists: true } })) === buyers.length
          ? true
          : undefined,
      { timeoutMs: 60_000 },
    );

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });
  afterAll(async () => {
    expect(pageErrors).toEqual([]);
    await browser?.close();
    await h?.stop();
  });

  it('charts the activity, shows the funnel and the experiment table, exports CSV and declares the winner', async () => {
    const report = (await h.api('GET', `/api/journeys/${journeyId}/experiments?version=1`)).body;
    const converted = await EntryModel.countDocuments({ journeyId, convertedAt: { $exists: true } });

    await page.goto(`${h.app.base}/journeys`);
    await page.getByLabel('Admin token').fill(tokens.adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Analytics' }).click();
    await page.getByRole('heading', { name: 'Analytics · Welcome experiment' }).waitFor();
    await page.getByLabel('Bucket').selectOption('day');

    // The chart: four series in the legend, and the tooltip of today's bucket reads the counts.
    const chart = page.getByTestId('activity-chart');
    await chart.locator('.recharts-legend-item').first().waitFor();
    expect(await chart.locator('.recharts-legend-item-text').allTextContents()).toEqual([
      'Entries',
      'Conversions',
      'Opens',
      'Clicks',
    ]);
    const plot = await chart.locator('.recharts-cartesian-grid').boundingBox();
    await page.mouse.move(plot!.x + plot!.width / 2, plot!.y + plot!.height / 2);
    const tooltip = chart.locator('.recharts-tooltip-wrapper');
    await expect.poll(() => tooltip.textContent()).toContain(`Entries : ${USERS}`);
    expect(await tooltip.textContent()).toContain(`Conversions : ${converted}`);
    expect(await page.getByTestId('sends-chart').locator('.recharts-legend-item-text').allTextContents()).toEqual([
      'sms delivered',
    ]);

    // The funnel and the experiment table agree with the engine's report.
    expect(await page.locator('[data-step="entered"] .funnel__count').textContent()).toBe(String(USERS));
    const table = page.getByTestId('split-split');
    for (const arm of report.splits[0].arms) {
      const cells = await table.locator(`tr[data-arm="${arm.id}"] td`).allTextContents();
      expect(cells.slice(1, 4)).toEqual([
        String(arm.entered),
        String(arm.converted),
        `${(arm.rate * 100).toFixed(1)}%`,
      ]);
      expect(cells[4]).toBe(`${(arm.ci95[0] * 100).toFixed(1)}% – ${(arm.ci95[1] * 100).toFixed(1)}%`);
    }
    expect(await table.locator('caption').textContent()).toContain('leading: b');
    const holdout = page.getByTestId('holdout');
    expect((await holdout.locator('tr[data-group="control"] td').allTextContents()).slice(1, 3)).toEqual([
      String(report.holdout.control.entered),
      String(report.holdout.control.converted),
    ]);
    expect(await page.getByTestId('uplift').textContent()).toMatch(
      /^Uplift: [+-]\d+\.\d points \(95% interval -?\d+\.\d to -?\d+\.\d\)/,
    );
    await page.mouse.move(plot!.x + plot!.width / 2, plot!.y + plot!.height / 2);
    await page.screenshot({ path: screenshotPath('analytics'), fullPage: true });
    await page.getByTestId('uplift').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('analytics-experiments') });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8')
      .trim()
      .split('\r\n');
    expect(csv[0]).toBe('t,entries,conversions,opened,clicked,sms delivered');
    expect(csv.slice(1).reduce((sum, line) => sum + Number(line.split(',')[1]), 0)).toBe(USERS);

    await page.getByRole('button', { name: 'Declare winner…' }).click();
    await page.getByRole('group', { name: 'Confirm the winner' }).getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published v2: everyone now takes b.').waitFor();
    // The page stays on v1, whose results led to the decision; v2 joins the version list.
    await expect
      .poll(() => page.getByLabel('Version', { exact: true }).locator('option').allTextContents())
      .toEqual(['v2', 'v1']);
    expect(await page.getByLabel('Version', { exact: true }).inputValue()).toBe('1');
    const published = (await h.api('GET', `/api/journeys/${journeyId}/versions/2`)).body;
    expect(published.document.graph.nodes.find((n: { id: string }) => n.id === 'split').data.variants).toEqual([
      { id: 'a', weight: 0 },
      { id: 'b', weight: 100 },
    ]);
  });
});
