import { durationUnits, formatDuration, parseDuration, type DurationUnit } from '../../steps/duration';

export interface DurationInputProps {
  id?: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  label?: string;
}

/** Amount + unit for single-unit ISO durations; compound ones (P1DT2H) stay editable as text. */
export function DurationInput({ id, value, onChange, label = 'Duration' }: DurationInputProps) {
  const parsed = value ? parseDuration(value) : { amount: Number.NaN, unit: 'days' as DurationUnit };
  if (!parsed)
    return (
      <input
        id={id}
        className="input"
        value={value ?? ''}
        aria-label={label}
        onChange={(event) => onChange(event.target.value || undefined)}
      />
    );
  const emit = (amount: number, unit: DurationUnit) =>
    onChange(Number.isFinite(amount) && amount > 0 ? formatDuration({ amount, unit }) : undefined);
  return (
    <span className="duration-input">
      <input
        id={id}
        className="input input--amount"
        type="number"
        min={1}
        aria-label={`${label} amount`}
        value={Number.isFinite(parsed.amount) ? parsed.amount : ''}
        onChange={(event) => emit(event.target.valueAsNumber, parsed.unit)}
      />
      <select
        className="input"
        aria-label={`${label} unit`}
        value={parsed.unit}
        onChange={(event) =>
          emit(Number.isFinite(parsed.amount) ? parsed.amount : 1, event.target.value as DurationUnit)
        }
      >
        {durationUnits.map((unit) => (
          <option key={unit} value={unit}>
            {unit}
          </option>
        ))}
      </select>
    </span>
  );
}
