import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (CI installs it); browsers are never downloaded. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Browser tests run unless skipped on purpose: a missing Chromium fails them instead of hiding them. */
export const skipBrowserTests = process.env.WAYMARK_SKIP_BROWSER_TESTS === '1';

const designerDir = fileURLToPath(new URL('../..', import.meta.url));
const distDir = join(designerDir, 'dist');

function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `No Chromium at ${chromiumPath}: install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH; WAYMARK_SKIP_BROWSER_TESTS=1 skips the browser tests.`,
    );
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** Screenshots are test artefacts under designer/test-results/screenshots/ (git-ignored). */
export function screenshotPath(name: string): string {
  const dir = join(designerDir, 'test-results', 'screenshots');
  mkdirSync(dir, { recursive: true });
  return join(dir, `${name}.png`);
}

const types: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

/** An API request as a stand-in engine sees it. */
export interface ApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  body: unknown;
}

/** Answers an API request, undefined for 404, or 'hang' to never answer (a stuck engine). */
export type ApiHandler = (request: ApiRequest) => { status: number; body?: unknown } | 'hang' | undefined;

/**
 * Serves the production build the way the engine does (static files, index.html for any other
 * path). API calls go to `api`; without one every call answers 404 in the engine's error format,
 * so the designer must work on its own (palette from @waymark/workflows, compiler in the browser).
 */
async function serveDesigner(api: ApiHandler = () => undefined): Promise<{ url: string; close: () => Promise<void> }> {
  if (!existsSync(join(distDir, 'index.html')))
    throw new Error(`No designer build in ${distDir}: run "npm run build -w designer" first.`);
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = decodeURIComponent(url.pathname);
    if (path.startsWith('/api/') || path.startsWith('/v1/') || path === '/health') {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      req.on('end', () => {
        const handled = api({
          method: req.method ?? 'GET',
          path,
          query: url.searchParams,
          authorization: req.headers.authorization,
          body: raw ? JSON.parse(raw) : undefined,
        });
        if (handled === 'hang') return;
        const answer = handled ?? {
          status: 404,
          body: { error: { code: 'not_found', message: `No engine route ${path} in this test.` } },
        };
        res.writeHead(answer.status, answer.body === undefined ? {} : { 'content-type': 'application/json' });
        res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
      });
      return;
    }
    const file = normalize(join(distDir, path));
    const found =
      file.startsWith(distDir) && existsSync(file) && statSync(file).isFile() ? file : join(distDir, 'index.html');
    res.writeHead(200, { 'content-type': types[extname(found)] ?? 'application/octet-stream' });
    res.end(readFileSync(found));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** One browser page on a served designer; `close` also reports uncaught page errors. */
export interface DesignerSession {
  url: string;
  page: Page;
  /** Uncaught errors in the page so far (a test run should end with none). */
  pageErrors: string[];
  close(): Promise<void>;
}

export async function openDesigner(api?: ApiHandler): Promise<DesignerSession> {
  const server = await serveDesigner(api);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(10_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return {
    url: server.url,
    page,
    pageErrors,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
