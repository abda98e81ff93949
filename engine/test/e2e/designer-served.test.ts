import mongoose from 'mongoose';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHealth } from '../../src/health.js';
import { createApp } from '../../src/http/app.js';
import { repoRoot } from '../../src/services/paths.js';
import { isolatedMongoUri, shared } from '../helpers.js';
import { listen, type RunningApp } from '../helpers-http.js';
import { launchChromium, screenshotPath, skipBrowserTests } from './browser.js';

const designerDir = join(repoRoot, 'designer', 'dist');

describe.skipIf(skipBrowserTests)('the engine serves the designer (real Chromium)', () => {
  let app: RunningApp;
  let browser: Browser;
  let connection: mongoose.Connection;

  beforeAll(async () => {
    expect(existsSync(join(designerDir, 'index.html')), 'designer/dist is missing: run `npm run build` first').toBe(
      true,
    );
    const storeUri = isolatedMongoUri('designer');
    connection = await mongoose.createConnection(storeUri).asPromise();
    app = await listen(
      createApp({
        designerDir,
        adminToken: 'admin-served',
        health: () =>
          checkHealth({
            temporalAddress: shared().temporalAddress,
            store: connection,
            storeUri,
            smtpUrl: shared().smtpUrl,
          }),
      }),
    );
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await connection?.close();
  });

  it('shows the shell with every engine dependency up, also on deep links', async () => {
    const page = await browser.newPage();
    // Signed in (a token stored at an earlier login): /health shows its details only with the admin token.
    await page.addInitScript("window.localStorage.setItem('waymark.adminToken', 'admin-served')");
    await page.goto(`${app.base}/journeys/some-id`);
    await expect.poll(() => page.title()).toBe('Waymark');
    const badges = page.getByRole('list', { name: 'Engine dependencies' }).getByRole('listitem');
    await badges.first().waitFor();
    expect(await badges.allTextContents()).toEqual(['Temporal: up', 'Store: up', 'SMTP: up']);
    await page.screenshot({ path: screenshotPath('shell'), fullPage: true });
    await page.close();
  });
});
