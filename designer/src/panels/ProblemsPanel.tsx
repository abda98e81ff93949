import { useReactFlow } from '@xyflow/react';
import type { Diagnostic } from '@waymark/workflows';
import { useEditor } from '../canvas/editor-context';
import { diagnosticSentence } from '../words/diagnostics';

/** Every compiler error and warning; choosing one selects and centres its node. */
export function ProblemsPanel() {
  const { store, validation, words } = useEditor();
  const { fitView } = useReactFlow();
  const show = (diagnostic: Diagnostic) => {
    if (!diagnostic.nodeId) return;
    store.getState().select([diagnostic.nodeId]);
    void fitView({ nodes: [{ id: diagnostic.nodeId }], duration: 250, maxZoom: 1.2 });
  };
  const problems = [
    ...validation.errors.map((d) => ({ d, level: 'error' })),
    ...validation.warnings.map((d) => ({ d, level: 'warning' })),
  ];
  return (
    <section className="problems" aria-label="Problems">
      <h2 className="problems__heading">
        {validation.errors.length === 0
          ? 'No errors'
          : `${validation.errors.length} error${validation.errors.length === 1 ? '' : 's'}`}
        {validation.warnings.length
          ? `, ${validation.warnings.length} warning${validation.warnings.length === 1 ? '' : 's'}`
          : ''}
      </h2>
      <ul className="problems__list">
        {problems.map(({ d, level }, index) => (
          <li key={index}>
            <button type="button" className={`problem problem--${level}`} onClick={() => show(d)} disabled={!d.nodeId}>
              {d.nodeId ? <strong className="problem__step">{words.labelOf(d.nodeId) ?? 'A step'}:</strong> : null}{' '}
              {diagnosticSentence(d, words.labelOf)}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
