import { useMemo } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/shallow';
import { useEditor } from '../canvas/editor-context';
import { besideField } from '../words/diagnostics';
import { eventNamesOf } from './journey-references';
import { SchemaForm } from './schema-form/SchemaForm';
import { settingsSchema } from './settings-schema';

/** Settings errors come from the compiler as `settings.<field>` paths. */
const settingsErrors = (errors: { path?: string; message: string; nodeId?: string }[]) =>
  new Map(
    errors
      .filter((error) => !error.nodeId && error.path?.startsWith('settings.'))
      .map((error) => [error.path!.slice('settings.'.length), besideField(error)]),
  );

/** Re-entry, cooldown, goal, exit events, time zone and contact policy of the journey. */
export function JourneySettingsPanel() {
  const { store, validation, readOnly, words } = useEditor();
  const { settings, nodes } = useStore(
    store,
    useShallow((state) => ({ settings: state.settings, nodes: state.nodes })),
  );
  const eventNames = useMemo(() => eventNamesOf(nodes, settings), [nodes, settings]);
  const errors = useMemo(() => settingsErrors(validation.errors), [validation]);
  return (
    <fieldset disabled={readOnly} className="inspector__form">
      <SchemaForm
        schema={settingsSchema}
        label="Journey settings"
        value={settings}
        onChange={(next) => store.getState().setSettings(next as Record<string, unknown>)}
        errors={errors}
        eventNames={eventNames}
        messages={words.messages}
      />
    </fieldset>
  );
}
