// @vitest-environment node
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeEngine } from './fake-engine';
import { openDesigner, screenshotPath, skipBrowserTests, type DesignerSession } from './harness';

/**
 * Cards stacked in one column, and an "else" arrow from the branch to the exit at the bottom:
 * drawn straight (or as React Flow's plain step), it would run through both messages.
 */
const stacked = {
  name: 'VIP welcome',
  graph: {
    nodes: [
      { id: 'start', type: 'trigger', data: { kind: 'event', event: 'signed_up' }, position: { x: 0, y: 0 } },
      {
        id: 'vip',
        type: 'branch',
        data: {
          branches: [{ id: 'gold', label: 'Gold', condition: { attr: 'profile.tier', op: 'eq', value: 'gold' } }],
        },
        position: { x: 0, y: 180 },
      },
      {
        id: 'hello',
        type: 'message',
        data: { channel: 'sms', template: { body: 'Welcome, {{ profile.firstName }}' } },
        position: { x: 0, y: 380 },
      },
      {
        id: 'gift',
        type: 'message',
        data: { channel: 'sms', template: { body: 'Your gift is waiting' } },
        position: { x: 0, y: 560 },
      },
      { id: 'done', type: 'exit', data: {}, position: { x: 0, y: 760 } },
    ],
    edges: [
      { source: 'start', target: 'vip' },
      { source: 'vip', sourceHandle: 'gold', target: 'hello' },
      { source: 'vip', sourceHandle: 'else', target: 'done' },
      { source: 'hello', target: 'gift' },
      { source: 'gift', target: 'done' },
    ],
  },
  settings: {},
};

interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}
interface EdgeGeometry {
  id: string;
  source: string;
  target: string;
  points: { x: number; y: number }[];
}

/** Every card's box and every edge's drawn path, sampled every 4 px, in the canvas's own coordinates. */
const geometry = (page: Page) =>
  page.evaluate(() => {
    const boxes = [...document.querySelectorAll<HTMLElement>('.react-flow__node')].map((node) => {
      const [, x, y] = /translate\(([-\d.]+)px, ?([-\d.]+)px\)/.exec(node.style.transform) ?? [];
      return { id: node.dataset.id!, x: Number(x), y: Number(y), width: node.offsetWidth, height: node.offsetHeight };
    });
    const edges = [...document.querySelectorAll<SVGGElement>('.react-flow__edge')].map((edge) => {
      const path = edge.querySelector<SVGPathElement>('path.react-flow__edge-path')!;
      const length = path.getTotalLength();
      const points = Array.from({ length: Math.ceil(length / 4) + 1 }, (_, i) => {
        const point = path.getPointAtLength(Math.min(i * 4, length));
        return { x: point.x, y: point.y };
      });
      const [, source, target] = /^(.+):.+->(.+)$/.exec(edge.dataset.id!) ?? [];
      return { id: edge.dataset.id!, source: source!, target: target!, points };
    });
    return { boxes, edges };
  });

const inside = (point: { x: number; y: number }, box: Box) =>
  point.x > box.x + 1 && point.x < box.x + box.width - 1 && point.y > box.y + 1 && point.y < box.y + box.height - 1;

/** The cards (other than its own two) an edge's path runs through. */
const crossed = (edge: EdgeGeometry, boxes: Box[]) =>
  boxes
    .filter((box) => box.id !== edge.source && box.id !== edge.target)
    .filter((box) => edge.points.some((point) => inside(point, box)))
    .map((box) => box.id);

/** The same, for the straight line between the edge's two ends. */
const crossedStraight = (edge: EdgeGeometry, boxes: Box[]) => {
  const [from, to] = [edge.points[0]!, edge.points.at(-1)!];
  const line = Array.from({ length: 101 }, (_, i) => ({
    x: from.x + ((to.x - from.x) * i) / 100,
    y: from.y + ((to.y - from.y) * i) / 100,
  }));
  return crossed({ ...edge, points: line }, boxes);
};

describe.skipIf(skipBrowserTests)('edges routed around cards, in headless Chromium', { timeout: 30_000 }, () => {
  const engine = createFakeEngine();
  engine.journeys.set('vip-welcome', {
    id: 'vip-welcome',
    name: stacked.name,
    status: 'draft',
    version: null,
    revision: 1,
    draft: stacked,
    versions: [],
  });
  let session: DesignerSession;

  beforeAll(async () => {
    session = await openDesigner(engine.handle);
  }, 60_000);
  afterAll(async () => {
    expect(session.pageErrors).toEqual([]);
    await session.close();
  });

  it('draws no edge through a card, where a straight edge would cross two', async () => {
    const { page } = session;
    await page.goto(`${session.url}/journeys/vip-welcome`);
    await expect.poll(() => page.locator('.react-flow__edge path.react-flow__edge-path').count()).toBe(5);
    const { edges, boxes } = await geometry(page);
    const elseEdge = edges.find((edge) => edge.id === 'vip:else->done')!;
    expect(crossedStraight(elseEdge, boxes)).toEqual(['hello', 'gift']);
    // Routes arrive from a worker: poll until every edge is clear of every card but its own two.
    await expect
      .poll(async () => {
        const now = await geometry(page);
        return now.edges.filter((edge) => crossed(edge, now.boxes).length > 0).map((edge) => edge.id);
      })
      .toEqual([]);
    // Still an arrow, and still ends on its card's input.
    expect(await page.locator('.react-flow__edge[data-id="vip:else->done"] path[marker-end]').count()).toBe(1);
    const routed = (await geometry(page)).edges.find((edge) => edge.id === 'vip:else->done')!;
    const done = boxes.find((box) => box.id === 'done')!;
    expect(Math.abs(routed.points.at(-1)!.y - done.y)).toBeLessThan(8);
    await page.screenshot({ path: screenshotPath('edges-routed-around-cards') });
  });
});
