/** What conditions and templates read: `profile.*` (traits flattened with userId, email, ...) and `event.*`. */
export interface ConditionContext {
  profile: Record<string, unknown>;
  event?: { name: string; properties: Record<string, unknown>; timestamp: string };
  /** ISO instant "now" for relative operators (withinLast). */
  now: string;
}
