import { useReactFlow } from '@xyflow/react';
import { stepCategories } from '@waymark/workflows';
import { useRef, type DragEvent, type KeyboardEvent } from 'react';
import { stepKey, type StepInfo } from '../steps/catalog';
import { outputsOf } from '../steps/outputs';
import { STEP_MIME } from './drop-target';
import { useEditor } from './editor-context';
import { NODE_SIZE, newNodeFor } from './new-node';
import { belowOutput, freeSpot } from './placement';
import { StepIcon } from './StepIcon';

const categoryTitles: Record<(typeof stepCategories)[number], string> = {
  triggers: 'Triggers',
  timing: 'Timing',
  logic: 'Logic',
  messages: 'Messages',
  data: 'Data',
  custom: 'Custom steps',
};

/**
 * Every step type, grouped. Drag one onto the canvas or an edge; or, from the keyboard, move with
 * the arrow keys and press Enter: the step is added after the selected node (or in view).
 */
export function Palette() {
  const { store, catalog, readOnly } = useEditor();
  const { screenToFlowPosition } = useReactFlow();
  const list = useRef<HTMLDivElement>(null);

  const add = (info: StepInfo) => {
    const node = newNodeFor(info, catalog);
    const { nodes, edges } = store.getState();
    const selected = nodes.filter((candidate) => candidate.selected);
    const after = selected.length === 1 ? selected[0]! : undefined;
    const outputs = after ? outputsOf(after, catalog) : [];
    const free = outputs.findIndex(
      (output) => !edges.some((edge) => edge.source === after!.id && (edge.sourceHandle ?? 'next') === output.id),
    );
    if (after && free >= 0) {
      store.getState().addNode(node, freeSpot(nodes, belowOutput(after, free, outputs.length)), {
        source: after.id,
        handle: outputs[free]!.id,
      });
      return;
    }
    const canvas = document.querySelector('.canvas')?.getBoundingClientRect();
    const center = canvas
      ? screenToFlowPosition({ x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 3 })
      : { x: 0, y: 0 };
    store.getState().addNode(node, freeSpot(nodes, { x: center.x - NODE_SIZE.width / 2, y: center.y }));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const items = [...(list.current?.querySelectorAll<HTMLButtonElement>('.palette__item') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLButtonElement);
    items[(index + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
    event.preventDefault();
  };

  const onDragStart = (event: DragEvent, info: StepInfo) => {
    event.dataTransfer.setData(STEP_MIME, stepKey(info));
    event.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <nav className="palette" aria-label="Steps" ref={list} onKeyDown={onKeyDown}>
      {stepCategories.map((category) => {
        const steps = catalog.filter((info) => info.category === category);
        if (steps.length === 0) return null;
        return (
          <section key={category} className="palette__group">
            <h3 className="palette__heading">{categoryTitles[category]}</h3>
            {steps.map((info) => (
              <button
                key={stepKey(info)}
                type="button"
                className={`palette__item palette__item--${category}`}
                draggable={!readOnly}
                disabled={readOnly}
                title={info.description}
                onDragStart={(event) => onDragStart(event, info)}
                onClick={() => add(info)}
                data-step={stepKey(info)}
              >
                <span className="palette__title">
                  <StepIcon type={info.type} />
                  {info.title}
                </span>
                <span className="palette__description">{info.description}</span>
              </button>
            ))}
          </section>
        );
      })}
    </nav>
  );
}
