import { optionLabel } from '../../words/options';
import { ConditionBuilder } from '../conditions/ConditionBuilder';
import { EventNameInput } from '../EventNameInput';
import { DurationInput } from './DurationInput';
import { Field, FieldGroup } from './Field';
import { EmailBodyField } from '../email/EmailBodyEditor';
import { fieldKind } from './field-kind';
import { useFormContext } from './form-context';
import { humanize, resolve, type JsonSchema } from './json-schema';
import { ListField, MultiSelectField } from './ListField';
import { ObjectFields } from './ObjectFields';
import { RecordField } from './RecordField';
import { UnionField } from './UnionField';
import { formatLooseValue, parseLooseValue } from './value-text';

export interface SchemaFieldProps {
  name: string;
  schema: JsonSchema;
  value: unknown;
  onChange: (value: unknown) => void;
  /** Dotted path inside the node data, matching the compiler's `path`. */
  path: string;
  required?: boolean;
  label?: string;
}

/** Fields named after an event suggest the names the engine received and the journey uses. */
const eventFields = new Set(['event', 'performed']);

/** One field of a generated form; the widget follows the schema (see fieldKind). */
export function SchemaField({
  name,
  schema,
  value,
  onChange,
  path,
  required,
  label = humanize(name),
}: SchemaFieldProps) {
  const { root, eventNames } = useFormContext();
  const resolved = resolve(schema, root);
  const kind = fieldKind(name, resolved, root);
  const text = (id: string, multiline = false) => {
    const current = typeof value === 'string' ? value : '';
    const emit = (next: string) => onChange(next === '' && !required ? undefined : next);
    if (eventFields.has(name)) return <EventNameInput id={id} known={eventNames} value={current} onChange={emit} />;
    const props = {
      id,
      className: 'input',
      value: current,
      onChange: (event: { target: { value: string } }) => emit(event.target.value),
    };
    return multiline ? <textarea rows={4} {...props} /> : <input {...props} />;
  };

  switch (kind) {
    case 'const':
      return null;
    case 'condition':
      return (
        <FieldGroup label={label} path={path}>
          <ConditionBuilder value={value} onChange={onChange} path={path} />
        </FieldGroup>
      );
    case 'union':
      return <UnionField label={label} schema={resolved} value={value} onChange={onChange} path={path} />;
    case 'object':
      return (
        <FieldGroup label={label} path={path}>
          <ObjectFields schema={resolved} value={value} onChange={onChange} path={path} />
        </FieldGroup>
      );
    case 'record':
      return <RecordField label={label} schema={resolved} value={value} onChange={onChange} path={path} />;
    case 'array':
      return <ListField label={label} schema={resolved} value={value} onChange={onChange} path={path} />;
    case 'multiSelect':
      return <MultiSelectField label={label} schema={resolved} value={value} onChange={onChange} path={path} />;
    case 'duration':
      return (
        <Field label={label} path={path} required={required}>
          {(id) => (
            <DurationInput
              id={id}
              label={label}
              value={typeof value === 'string' ? value : undefined}
              onChange={onChange}
            />
          )}
        </Field>
      );
    case 'enum':
      return (
        <Field label={label} path={path} required={required}>
          {(id) => (
            <select
              id={id}
              className="input"
              value={value === undefined ? '' : String(value)}
              onChange={(event) =>
                onChange(
                  event.target.value === ''
                    ? undefined
                    : resolved.enum!.find((option) => String(option) === event.target.value),
                )
              }
            >
              {required ? null : <option value="">—</option>}
              {resolved.enum!.map((option) => (
                <option key={String(option)} value={String(option)}>
                  {optionLabel(name, option)}
                </option>
              ))}
            </select>
          )}
        </Field>
      );
    case 'boolean':
      return (
        <Field label={label} path={path} inline>
          {(id) => (
            <input
              id={id}
              type="checkbox"
              checked={value === true}
              onChange={(event) => onChange(event.target.checked || undefined)}
            />
          )}
        </Field>
      );
    case 'number':
      return (
        <Field label={label} path={path} required={required}>
          {(id) => (
            <input
              id={id}
              className="input"
              type="number"
              min={resolved.minimum}
              max={resolved.maximum}
              value={typeof value === 'number' ? value : ''}
              onChange={(event) =>
                onChange(Number.isNaN(event.target.valueAsNumber) ? undefined : event.target.valueAsNumber)
              }
            />
          )}
        </Field>
      );
    case 'longText':
      if (name === 'html')
        return <EmailBodyField value={typeof value === 'string' ? value : undefined} onChange={onChange} path={path} />;
      return (
        <Field label={label} path={path} required={required}>
          {(id) => text(id, true)}
        </Field>
      );
    case 'string':
      return (
        <Field label={label} path={path} required={required}>
          {(id) => text(id)}
        </Field>
      );
    case 'json':
      return (
        <Field label={label} path={path} required={required} hint="Text, a number, true/false or JSON">
          {(id) => (
            <input
              id={id}
              className="input"
              value={formatLooseValue(value)}
              onChange={(event) =>
                onChange(event.target.value === '' ? undefined : parseLooseValue(event.target.value))
              }
            />
          )}
        </Field>
      );
  }
}
