import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (CI installs it); browsers are never downloaded. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);

const designerDir = fileURLToPath(new URL('../..', import.meta.url));
const distDir = join(designerDir, 'dist');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** Screenshots are test artefacts under designer/test-results/ (git-ignored). */
export function screenshotPath(name: string): string {
  const dir = join(designerDir, 'test-results');
  mkdirSync(dir, { recursive: true });
  return join(dir, `${name}.png`);
}

const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json', '.svg': 'image/svg+xml' };

/**
 * Serves the production build the way the engine does (static files, index.html for any other
 * path). No engine behind it: every /api call answers 404 in the engine's error format, so the
 * designer must work on its own (palette from @waymark/workflows, compiler in the browser).
 */
export async function serveDesigner(): Promise<{ url: string; close: () => Promise<void> }> {
  if (!existsSync(join(distDir, 'index.html'))) throw new Error(`No designer build in ${distDir}: run "npm run build -w designer" first.`);
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path.startsWith('/api/') || path.startsWith('/v1/') || path === '/health') {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'not_found', message: `No engine behind this test server (${path}).` } }));
      return;
    }
    const file = normalize(join(distDir, path));
    const found = file.startsWith(distDir) && existsSync(file) && statSync(file).isFile() ? file : join(distDir, 'index.html');
    res.writeHead(200, { 'content-type': types[extname(found)] ?? 'application/octet-stream' });
    res.end(readFileSync(found));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
