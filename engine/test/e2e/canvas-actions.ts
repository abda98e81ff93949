import type { Locator, Page } from 'playwright-core';
import { pollUntil } from '../../src/services/wait.js';

type Box = { x: number; y: number; width: number; height: number };

/** A React Flow node card by id. */
export const nodeCard = (page: Page, id: string): Locator => page.locator(`.react-flow__node[data-id="${id}"]`);

/** Drags a palette step onto an empty spot of the canvas, `at` pixels from the pane's top-left corner. */
export async function dropStep(page: Page, step: string, at: { x: number; y: number }): Promise<void> {
  await page.locator(`[data-step="${step}"]`).dragTo(page.locator('.react-flow__pane'), { targetPosition: at });
}

/** Drags a palette step onto the canvas `gap` pixels below a card (the view moves when the first card lands, so places are taken from the cards). */
export async function dropStepBelow(page: Page, step: string, card: Locator, gap = 120): Promise<void> {
  const [box, pane] = [await settledBox(card), (await page.locator('.react-flow__pane').boundingBox())!];
  await dropStep(page, step, { x: box.x - pane.x + box.width / 2, y: box.y - pane.y + box.height + gap });
}

/**
 * Connects an output handle to a node's input by dragging with the mouse, in small steps as a hand
 * would (React Flow follows pointer moves to find the handle under the cursor).
 */
export async function connect(page: Page, output: Locator, target: Locator): Promise<void> {
  const from = centreOf(await settledBox(output));
  const to = centreOf(await settledBox(target.locator('.react-flow__handle.target')));
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 10 });
  await page.mouse.up();
}

const centreOf = (box: Box) => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 });

/** Where an element is once the view has stopped moving (fit-view animations run after drops and loads). */
async function settledBox(locator: Locator): Promise<Box> {
  let last = '';
  return pollUntil(
    'the canvas to stop moving',
    async () => {
      const box = JSON.stringify(await locator.boundingBox());
      const still = box !== 'null' && box === last;
      last = box;
      return still ? (JSON.parse(box) as Box) : undefined;
    },
    { timeoutMs: 15_000, intervalMs: 120 },
  );
}
