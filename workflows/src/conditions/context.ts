/** An event as conditions, templates and custom steps read it. */
export interface EventFields {
  name: string;
  properties: Record<string, unknown>;
  /** ISO instant. */
  timestamp: string;
}

/** What conditions and templates read: `profile.*` (traits flattened with userId, email, ...), `event.*`, `trigger.*` and `vars.*`. */
export interface ConditionContext {
  profile: Record<string, unknown>;
  /** The event at hand: the awaited event inside a waitForEvent (goal, exitOn) `where`, else the trigger. */
  event?: EventFields;
  /** The event that started the entry, kept for the whole run. */
  trigger?: EventFields;
  /** Entry variables set by `context` nodes. */
  vars?: Record<string, unknown>;
  /** ISO instant "now" for relative operators (withinLast). */
  now: string;
}
