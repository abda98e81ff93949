import type { RefObject } from 'react';
import { pathWords } from '../../words/conditions';
import type { SampleData } from './variables';
import { personalisationFields } from './variables';
import type { SeenFields } from '@waymark/workflows/api';

type TextField = HTMLInputElement | HTMLTextAreaElement;

/** Types a Liquid tag at the cursor of the field, as if typed, so the form's own change handling runs. */
function insertAt(field: TextField, text: string): void {
  field.focus();
  document.execCommand('insertText', false, text);
}

/**
 * "Insert a field": the fields real profiles and events carry (with an example), put at the cursor
 * of the message field last clicked (or the first one).
 */
export function PersonalisePicker({
  lastField,
  container,
  seen,
  sample,
}: {
  lastField: RefObject<TextField | null>;
  container: RefObject<HTMLElement | null>;
  seen: SeenFields | undefined;
  sample: SampleData;
}) {
  const fields = personalisationFields(sample, seen);
  const insert = (path: string) => {
    const field = lastField.current?.isConnected
      ? lastField.current
      : container.current?.querySelector<TextField>('input[type=text], input:not([type]), textarea');
    if (field) insertAt(field, `{{ ${path} }}`);
  };
  return (
    <div className="personalise">
      <label className="field__label" htmlFor="personalise-field">
        Personalise
      </label>
      <select
        id="personalise-field"
        className="input"
        value=""
        onChange={(event) => event.target.value && insert(event.target.value)}
      >
        <option value="">Insert a field where the cursor is…</option>
        {fields.map((field) => (
          <option key={field.path} value={field.path}>
            {field.path.startsWith('profile.') ? 'Person' : 'Event'}: {pathWords(field.path)} (e.g. {field.example})
          </option>
        ))}
      </select>
    </div>
  );
}
