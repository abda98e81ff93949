import {
  attrOperators,
  countOperators,
  engagementStatuses,
  type AttrCondition,
  type Condition,
  type MessageCondition,
  type PerformedCondition,
} from '@waymark/workflows';
import { EventNameInput } from '../EventNameInput';
import { DurationInput } from '../schema-form/DurationInput';
import { useFormContext } from '../schema-form/form-context';
import { formatLooseValue, parseLooseValue } from '../schema-form/value-text';
import { countWords, engagementWords, operatorWords } from '../../words/conditions';
import { conditionKindLabels, conditionKinds, conditionOfKind, kindOf, type ConditionKind } from './condition-kinds';

export interface ConditionBuilderProps {
  value: unknown;
  onChange: (value: Condition) => void;
  path: string;
}

/** Edits a condition (docs/journey-language.md#conditions): attribute tests, event history, message engagement, combined with all/any/not. */
export function ConditionBuilder({ value, onChange, path }: ConditionBuilderProps) {
  const { messages, errors } = useFormContext();
  const kind = kindOf(value);
  const error = errors.get(path);
  return (
    <div className={`condition condition--${kind}${error ? ' field--invalid' : ''}`} data-path={path}>
      <select
        className="input condition__kind"
        aria-label="Condition type"
        value={kind}
        onChange={(event) =>
          onChange(
            conditionOfKind(
              event.target.value as ConditionKind,
              value,
              messages.map((message) => message.id),
            ),
          )
        }
      >
        {conditionKinds.map((option) => (
          <option key={option} value={option}>
            {conditionKindLabels[option]}
          </option>
        ))}
      </select>
      <ConditionBody kind={kind} value={value} onChange={onChange} path={path} />
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function ConditionBody({ kind, value, onChange, path }: ConditionBuilderProps & { kind: ConditionKind }) {
  switch (kind) {
    case 'attr':
      return <AttrEditor value={value as AttrCondition} onChange={onChange} />;
    case 'performed':
      return <PerformedEditor value={value as PerformedCondition} onChange={onChange} />;
    case 'message':
      return <MessageEditor value={value as MessageCondition} onChange={onChange} />;
    case 'not':
      return (
        <ConditionBuilder
          value={(value as { not: Condition }).not}
          onChange={(inner) => onChange({ not: inner })}
          path={`${path}.not`}
        />
      );
    case 'all':
    case 'any': {
      const children = (value as Record<string, Condition[]>)[kind] ?? [];
      const write = (next: Condition[]) => onChange({ [kind]: next } as Condition);
      return (
        <ol className="condition__children">
          {children.map((child, index) => (
            <li key={index}>
              <ConditionBuilder
                value={child}
                onChange={(inner) => write(children.map((c, i) => (i === index ? inner : c)))}
                path={`${path}.${kind}.${index}`}
              />
              <button
                type="button"
                className="button button--small"
                aria-label={`Remove condition ${index + 1}`}
                onClick={() => write(children.filter((_, i) => i !== index))}
              >
                ✕
              </button>
            </li>
          ))}
          <li>
            <button
              type="button"
              className="button button--link"
              onClick={() => write([...children, { attr: '', op: 'eq', value: '' }])}
            >
              + Add condition
            </button>
          </li>
        </ol>
      );
    }
  }
}

const valueless = new Set(['exists', 'notExists']);

function AttrEditor({ value, onChange }: { value: AttrCondition; onChange: (value: Condition) => void }) {
  const { attr, op } = value;
  const fromPath = value.valueFrom !== undefined;
  const setOp = (next: AttrCondition['op']) => {
    const { value: previous, valueFrom, ...rest } = value;
    if (valueless.has(next)) return onChange({ ...rest, op: next });
    if (valueFrom !== undefined && next !== 'withinLast') return onChange({ ...rest, op: next, valueFrom });
    onChange({ ...rest, op: next, value: next === 'withinLast' ? 'P7D' : (previous ?? '') });
  };
  // Compare with a constant, or with the value at another path (`valueFrom`), e.g. the trigger's product.
  const setSource = (source: string) => {
    const rest: AttrCondition = { attr, op };
    onChange(source === 'path' ? { ...rest, valueFrom: 'trigger.properties.' } : { ...rest, value: '' });
  };
  return (
    <span className="condition__row">
      <input
        className="input"
        aria-label="Field"
        list="journey-field-paths"
        placeholder="profile.plan, event.properties.brand, trigger.properties.productId or vars.name"
        value={attr}
        onChange={(event) => onChange({ ...value, attr: event.target.value })}
      />
      <select
        className="input"
        aria-label="Operator"
        value={op}
        onChange={(event) => setOp(event.target.value as AttrCondition['op'])}
      >
        {attrOperators.map((operator) => (
          <option key={operator} value={operator}>
            {operatorWords[operator]}
          </option>
        ))}
      </select>
      {valueless.has(op) || op === 'withinLast' ? null : (
        <select
          className="input"
          aria-label="Compare with"
          value={fromPath ? 'path' : 'value'}
          onChange={(event) => setSource(event.target.value)}
        >
          <option value="value">value</option>
          <option value="path">path</option>
        </select>
      )}
      {valueless.has(op) ? null : op === 'withinLast' ? (
        <DurationInput
          label="Within last"
          value={typeof value.value === 'string' ? value.value : undefined}
          onChange={(duration) => onChange({ ...value, value: duration })}
        />
      ) : fromPath ? (
        <input
          className="input"
          aria-label="Value path"
          placeholder="trigger.properties.productId"
          value={value.valueFrom}
          onChange={(event) => onChange({ ...value, valueFrom: event.target.value })}
        />
      ) : (
        <ValueInput
          list={op === 'in' || op === 'nin'}
          value={value.value}
          onChange={(next) => onChange({ ...value, value: next })}
        />
      )}
    </span>
  );
}

/** One value, or (for "is one of") a comma-separated list: the marketer never types JSON. */
function ValueInput({ list, value, onChange }: { list: boolean; value: unknown; onChange: (value: unknown) => void }) {
  if (!list)
    return (
      <input
        className="input"
        aria-label="Value"
        placeholder="e.g. gold"
        value={formatLooseValue(value)}
        onChange={(event) => onChange(parseLooseValue(event.target.value))}
      />
    );
  const text = Array.isArray(value) ? value.map(formatLooseValue).join(', ') : formatLooseValue(value);
  return (
    <input
      className="input"
      aria-label="Values, separated by commas"
      placeholder="gold, silver"
      defaultValue={text}
      onChange={(event) =>
        onChange(
          event.target.value
            .split(',')
            .map((item) => item.trim())
            .filter(Boolean)
            .map(parseLooseValue),
        )
      }
    />
  );
}

function PerformedEditor({ value, onChange }: { value: PerformedCondition; onChange: (value: Condition) => void }) {
  const { count, within, ...rest } = value;
  const { eventNames } = useFormContext();
  return (
    <span className="condition__row">
      <EventNameInput
        label="Event name"
        known={eventNames}
        value={value.performed}
        onChange={(performed) => onChange({ ...value, performed })}
      />
      <select
        className="input"
        aria-label="Count operator"
        value={count?.op ?? ''}
        onChange={(event) =>
          onChange(
            event.target.value
              ? {
                  ...value,
                  count: {
                    op: event.target.value as NonNullable<PerformedCondition['count']>['op'],
                    value: count?.value ?? 1,
                  },
                }
              : { ...rest, ...(within ? { within } : {}) },
          )
        }
      >
        <option value="">at least once</option>
        {countOperators.map((operator) => (
          <option key={operator} value={operator}>
            {countWords[operator]} … times
          </option>
        ))}
      </select>
      {count ? (
        <input
          className="input input--amount"
          type="number"
          min={0}
          aria-label="Count"
          value={count.value}
          onChange={(event) => onChange({ ...value, count: { ...count, value: event.target.valueAsNumber || 0 } })}
        />
      ) : null}
      <span className="condition__within">
        within
        <DurationInput
          label="Within"
          value={within}
          onChange={(next) => onChange(next ? { ...value, within: next } : { ...rest, ...(count ? { count } : {}) })}
        />
      </span>
    </span>
  );
}

function MessageEditor({ value, onChange }: { value: MessageCondition; onChange: (value: Condition) => void }) {
  const { messages } = useFormContext();
  const known = messages.some((message) => message.id === value.message);
  return (
    <span className="condition__row">
      <select
        className="input"
        aria-label="Engagement"
        value={value.status}
        onChange={(event) => onChange({ ...value, status: event.target.value as MessageCondition['status'] })}
      >
        {engagementStatuses.map((status) => (
          <option key={status} value={status}>
            {engagementWords[status]}
          </option>
        ))}
      </select>
      <select
        className="input"
        aria-label="Message"
        value={value.message}
        onChange={(event) => onChange({ ...value, message: event.target.value })}
      >
        {known ? null : (
          <option value={value.message}>
            {value.message ? 'a message no longer in the journey' : 'Choose a message'}
          </option>
        )}
        {messages.map((message) => (
          <option key={message.id} value={message.id}>
            {message.label}
          </option>
        ))}
      </select>
    </span>
  );
}
