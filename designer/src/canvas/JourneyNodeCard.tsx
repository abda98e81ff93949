import { Handle, Position, useUpdateNodeInternals, type NodeProps } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { stepOf } from '../steps/catalog';
import { outputsOf } from '../steps/outputs';
import type { JourneyFlowNode } from '../store/document-graph';
import { diagnosticSentence } from '../words/diagnostics';
import { chipParts } from '../words/liquid';
import { useEditor } from './editor-context';
import { NodeStats } from './NodeStats';
import { StepIcon } from './StepIcon';

/** One journey step on the canvas: what it does in a line, its problems, and one labelled handle per output. */
export function JourneyNodeCard({ id, type, data, selected }: NodeProps<JourneyFlowNode>) {
  const { catalog, validation, highlight, stats, words } = useEditor();
  const updateNodeInternals = useUpdateNodeInternals();
  const info = stepOf(catalog, { type, data });
  const outputs = outputsOf({ type, data }, catalog);
  const outputKey = outputs.map((output) => output.id).join('|');
  // Handles come and go with branches and variants; React Flow must re-measure them. Not on mount:
  // React Flow measures new nodes itself, and an early call would fit the view to this node alone.
  const measuredKey = useRef(outputKey);
  useEffect(() => {
    if (measuredKey.current === outputKey) return;
    measuredKey.current = outputKey;
    updateNodeInternals(id);
  }, [id, outputKey, updateNodeInternals]);

  const diagnostics = validation.byNode.get(id) ?? [];
  const errors = diagnostics.filter((diagnostic) => validation.errors.includes(diagnostic));
  const classes = [
    'node-card',
    `node-card--${info?.category ?? 'unknown'}`,
    errors.length ? 'node-card--invalid' : diagnostics.length ? 'node-card--warning' : '',
    highlight?.nodes.has(id) ? 'node-card--highlighted' : '',
    selected ? 'node-card--selected' : '',
  ];
  return (
    <div className={classes.filter(Boolean).join(' ')} data-node-id={id}>
      {type === 'trigger' ? null : <Handle type="target" position={Position.Top} className="node-card__input" />}
      <div className="node-card__header">
        <span className="node-card__title">
          <StepIcon type={type} />
          {info?.title ?? type}
        </span>
      </div>
      <p className="node-card__summary">
        {chipParts(words.summaryOf({ type, data })).map((part, index) =>
          part.field ? (
            <span key={index} className="field-chip" title="Filled in for each person">
              {part.text}
            </span>
          ) : (
            part.text
          ),
        )}
      </p>
      {diagnostics.length > 0 ? (
        <p
          className={`node-card__problems${errors.length ? '' : ' node-card__problems--warning'}`}
          title={diagnostics.map((d) => diagnosticSentence(d, words.labelOf)).join('\n')}
          role="status"
        >
          {errors.length
            ? `⚠ ${errors.length} error${errors.length === 1 ? '' : 's'}`
            : `${diagnostics.length} warning${diagnostics.length === 1 ? '' : 's'}`}
          : {diagnosticSentence(diagnostics[0]!, words.labelOf)}
        </p>
      ) : null}
      {stats ? <NodeStats nodeId={id} type={type} data={data} stats={stats} /> : null}
      {outputs.length > 0 ? (
        <div className="node-card__outputs">
          {outputs.map((output) => (
            <div key={output.id} className="node-card__output">
              {output.label ? <span className="node-card__output-label">{output.label}</span> : null}
              <Handle
                type="source"
                id={output.id}
                position={Position.Bottom}
                className="node-card__handle"
                title={`Drag to connect ${output.label ? `“${output.label}”` : 'the next step'}`}
              />
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}
