/** The MIME type a palette entry is dragged as; the payload is its step key. */
export const STEP_MIME = 'application/x-waymark-step';

/** The edge under the pointer, if any (React Flow gives each edge a wide invisible hit path). */
export function edgeAt(x: number, y: number): string | undefined {
  for (const element of document.elementsFromPoint(x, y)) {
    const edge = element.closest('.react-flow__edge');
    if (edge) return edge.getAttribute('data-id') ?? undefined;
  }
  return undefined;
}
