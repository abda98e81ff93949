import { optionLabel } from '../../words/options';
import { useId } from 'react';
import { FieldGroup } from './Field';
import { useFormContext } from './form-context';
import { discriminatorOf, initialValue, matchVariant, variantLabel, variantsOf, type JsonSchema } from './json-schema';
import { ObjectFields } from './ObjectFields';
import { SchemaField } from './SchemaField';

export interface UnionFieldProps {
  label: string;
  schema: JsonSchema;
  value: unknown;
  onChange: (value: unknown) => void;
  path: string;
}

/** Carries plain values (a flag, a name) over when the variant changes; structured parts differ per variant. */
function carryOver(previous: unknown, next: unknown, variant: JsonSchema, discriminator: string | undefined): unknown {
  if (!previous || typeof previous !== 'object' || !next || typeof next !== 'object') return next;
  const kept = Object.entries(previous).filter(
    ([key, inner]) =>
      key !== discriminator && variant.properties?.[key] && (typeof inner !== 'object' || inner === null),
  );
  return { ...next, ...Object.fromEntries(kept) };
}

/** A choice between variants (trigger kind, message channel, WhatsApp body or template): a select, then the chosen variant's fields. */
export function UnionField({ label, schema, value, onChange, path }: UnionFieldProps) {
  const { root } = useFormContext();
  const selectId = useId();
  const variants = variantsOf(schema, root) ?? [];
  const discriminator = discriminatorOf(variants);
  const current = matchVariant(variants, value);
  const variant = variants[current] ?? {};
  const choose = (index: number) => {
    const chosen = variants[index] ?? {};
    onChange(carryOver(value, initialValue(chosen, root), chosen, discriminator));
  };
  const select = (
    <span className="union-field__choice">
      <label htmlFor={selectId} className="visually-hidden">{`${label} type`}</label>
      <select id={selectId} className="input" value={current} onChange={(event) => choose(Number(event.target.value))}>
        {variants.map((option, index) => (
          <option key={index} value={index}>
            {discriminator
              ? optionLabel(discriminator, variantLabel(option, discriminator))
              : variantLabel(option, discriminator)}
          </option>
        ))}
      </select>
    </span>
  );
  return (
    <FieldGroup label={label} path={path} actions={select}>
      {variant.type === 'object' ? (
        <ObjectFields
          schema={variant}
          value={value}
          onChange={onChange}
          path={path}
          skip={discriminator ? [discriminator] : []}
        />
      ) : (
        <SchemaField name={label} schema={variant} value={value} onChange={onChange} path={path} />
      )}
    </FieldGroup>
  );
}
