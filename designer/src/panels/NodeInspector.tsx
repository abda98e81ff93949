import { useMemo, useRef } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/shallow';
import { useEditor } from '../canvas/editor-context';
import { stepOf } from '../steps/catalog';
import { fieldErrors } from '../validation/validate';
import { eventNamesOf } from './journey-references';
import { AudienceEstimate } from './AudienceEstimate';
import { MessagePreview } from './preview/MessagePreview';
import { PersonalisePicker } from './preview/PersonalisePicker';
import { usePersonalisation } from './preview/use-personalisation';
import { personalisationFields } from './preview/variables';
import { SchemaForm } from './schema-form/SchemaForm';

/** The form of the selected node, generated from its step's schema, with its errors beside the fields. */
export function NodeInspector() {
  const { store, catalog, validation, readOnly, words } = useEditor();
  const { nodes, settings, name } = useStore(
    store,
    useShallow((state) => ({ nodes: state.nodes, settings: state.settings, name: state.name })),
  );
  const selected = useMemo(() => nodes.filter((node) => node.selected), [nodes]);
  const eventNames = useMemo(() => eventNamesOf(nodes, settings), [nodes, settings]);
  const node = selected.length === 1 ? selected[0] : undefined;
  const errors = useMemo(() => fieldErrors(node ? validation.byNode.get(node.id) : undefined), [node, validation]);
  const personalisation = usePersonalisation();
  const fieldPaths = useMemo(
    () => personalisationFields(personalisation.sample, personalisation.seen).map((field) => field.path),
    [personalisation.sample, personalisation.seen],
  );
  const form = useRef<HTMLFieldSetElement>(null);
  const lastField = useRef<HTMLInputElement | HTMLTextAreaElement | null>(null);

  if (!node) {
    return (
      <p className="panel__empty">
        {selected.length > 1
          ? `${selected.length} steps selected: press Delete to remove them, ⌘C / ⌘V to duplicate.`
          : 'Select a step on the canvas to edit it. Drag steps from the palette; drop one on an arrow to insert it there.'}
      </p>
    );
  }
  const info = stepOf(catalog, node);
  const custom = node.type === 'custom';
  // A custom step's schema describes its `config`; built-ins describe the whole `data`.
  const value = custom ? (node.data.config ?? {}) : node.data;
  const update = (next: unknown) =>
    store
      .getState()
      .updateNodeData(node.id, custom ? { ...node.data, config: next } : (next as Record<string, unknown>));
  return (
    <div className="inspector" aria-label={`Edit ${info?.title ?? 'step'}`}>
      <p className="inspector__meta">{info?.description}</p>
      {info ? (
        <fieldset
          disabled={readOnly}
          className="inspector__form"
          ref={form}
          onFocus={(event) => {
            if (
              event.target instanceof HTMLTextAreaElement ||
              (event.target instanceof HTMLInputElement && event.target.type === 'text')
            )
              lastField.current = event.target;
          }}
        >
          <SchemaForm
            key={node.id}
            schema={info.schema}
            label={info.title}
            value={value}
            onChange={update}
            errors={custom ? new Map() : errors}
            eventNames={eventNames}
            messages={words.messages}
            fieldPaths={fieldPaths}
          />
        </fieldset>
      ) : (
        <p className="field__error">
          Unknown step type "{node.type}"{custom ? ` (${String(node.data.step)})` : ''}: it is not registered in this
          engine.
        </p>
      )}
      {node.type === 'trigger' && node.data.kind === 'segment' ? (
        <AudienceEstimate condition={node.data.condition} />
      ) : null}
      {node.type === 'message' && !readOnly ? (
        <PersonalisePicker lastField={lastField} container={form} {...personalisation} />
      ) : null}
      {node.type === 'message' ? (
        <MessagePreview nodeId={node.id} data={node.data} journeyName={name} {...personalisation} />
      ) : null}
      {readOnly ? null : (
        <button type="button" className="button button--danger" onClick={() => store.getState().deleteSelected()}>
          Delete step
        </button>
      )}
    </div>
  );
}
