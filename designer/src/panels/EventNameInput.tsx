import { useContext, useEffect, useId, useState } from 'react';
import { ApiContext } from '../api/api-context';
import type { EventNameSuggestion } from '@waymark/workflows/api';

/** Wait after the last keystroke before asking the engine, so typing a name is one request, not one per letter. */
export const EVENT_NAME_DEBOUNCE_MS = 250;

/** Names of events the engine received that start with `prefix`, most recent first; none outside an ApiContext. */
export function useRecentEventNames(prefix: string): EventNameSuggestion[] {
  const api = useContext(ApiContext)?.api;
  const [names, setNames] = useState<EventNameSuggestion[]>([]);
  useEffect(() => {
    if (!api) return undefined;
    let current = true;
    const timer = setTimeout(() => {
      api.eventNames(prefix).then(
        (found) => current && setNames(found),
        // Suggestions are a convenience: an engine without the route leaves free text.
        () => current && setNames([]),
      );
    }, EVENT_NAME_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, prefix]);
  return names;
}

export interface EventNameInputProps {
  id?: string;
  value: string;
  onChange: (value: string) => void;
  /** Names the journey already uses, suggested before the engine answers. */
  known?: readonly string[];
  label?: string;
  placeholder?: string;
}

/** A free-text event name with a native datalist of recent and known names: keyboard and screen readers work as for any input. */
export function EventNameInput({
  id,
  value,
  onChange,
  known = [],
  label,
  placeholder = 'order_completed',
}: EventNameInputProps) {
  const listId = useId();
  const recent = useRecentEventNames(value);
  // The text typed so far is not a suggestion (the journey's own names include it once typed).
  // How often the engine saw a name lately, shown beside it (the journey's own names have no count).
  const seen = new Map(recent.map((entry) => [entry.name, entry.count]));
  const suggestions = [...new Set([...seen.keys(), ...known.filter((name) => name.startsWith(value))])].filter(
    (name) => name !== value,
  );
  return (
    <>
      <input
        id={id}
        className="input"
        aria-label={label}
        placeholder={placeholder}
        list={listId}
        autoComplete="off"
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
      <datalist id={listId}>
        {suggestions.map((name) => (
          <option
            key={name}
            value={name}
            label={seen.has(name) ? `${name} (seen ${seen.get(name)}× lately)` : undefined}
          />
        ))}
      </datalist>
    </>
  );
}
