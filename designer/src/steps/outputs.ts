import { stepOf, type StepCatalog } from './catalog';

/** One source handle of a node: the `sourceHandle` id the document uses, and what the card shows. */
export interface NodeOutput {
  id: string;
  label: string;
}

interface Labelled {
  id?: unknown;
  label?: unknown;
}

const list = (value: unknown): Labelled[] => (Array.isArray(value) ? (value as Labelled[]) : []);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

/**
 * The outputs of a node (docs/journey-language.md#node-types), tolerant of half-filled data: the canvas draws a handle per
 * output while the marketer is still typing, so entries without an id are skipped, not fatal.
 */
export function outputsOf(node: { type?: string; data?: Record<string, unknown> }, catalog: StepCatalog): NodeOutput[] {
  const data = node.data ?? {};
  switch (node.type) {
    case 'exit':
      return [];
    case 'waitForEvent': {
      // Action paths: one output per listed event (named by its id: two paths may wait for one event), then timeout.
      const paths = Array.isArray(data.events)
        ? list(data.events).flatMap((path) =>
            text(path.id) ? [{ id: path.id as string, label: path.id as string }] : [],
          )
        : [{ id: 'matched', label: 'matched' }];
      return [...paths, { id: 'timeout', label: 'timeout' }];
    }
    case 'branch':
      return [
        ...list(data.branches).flatMap((branch) =>
          text(branch.id) ? [{ id: branch.id as string, label: text(branch.label) ?? (branch.id as string) }] : [],
        ),
        { id: 'else', label: 'else' },
      ];
    case 'split':
      return list(data.variants).flatMap((variant) => {
        const id = text(variant.id);
        if (!id) return [];
        const weight = (variant as { weight?: unknown }).weight;
        return [{ id, label: `${text(variant.label) ?? id} · ${typeof weight === 'number' ? weight : '?'}%` }];
      });
    case 'custom': {
      const outputs = stepOf(catalog, node)?.outputs ?? ['next'];
      return outputs.length === 1 && outputs[0] === 'next'
        ? [{ id: 'next', label: '' }]
        : outputs.map((id) => ({ id, label: id }));
    }
    default:
      return [{ id: 'next', label: '' }];
  }
}
