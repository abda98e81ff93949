import type { Condition } from '@waymark/workflows';

export const conditionKinds = ['attr', 'performed', 'message', 'all', 'any', 'not'] as const;
export type ConditionKind = (typeof conditionKinds)[number];

export const conditionKindLabels: Record<ConditionKind, string> = {
  attr: 'Attribute',
  performed: 'Did an event',
  message: 'Engaged with a message',
  all: 'All of',
  any: 'Any of',
  not: 'Not',
};

/** Which of the condition shapes a value is (attr when unknown, the most common start). */
export function kindOf(value: unknown): ConditionKind {
  const object = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  return conditionKinds.find((kind) => kind in object) ?? 'attr';
}

/** A fresh condition of a kind; switching all <-> any keeps the children. */
export function conditionOfKind(kind: ConditionKind, previous: unknown, messageIds: readonly string[]): Condition {
  const children =
    (previous as { all?: Condition[]; any?: Condition[] }).all ?? (previous as { any?: Condition[] }).any;
  switch (kind) {
    case 'attr':
      return { attr: '', op: 'eq', value: '' };
    case 'performed':
      return { performed: '' };
    case 'message':
      return { message: messageIds[0] ?? '', status: 'opened' };
    case 'all':
      return { all: children ?? [previous as Condition] };
    case 'any':
      return { any: children ?? [previous as Condition] };
    case 'not':
      return { not: previous as Condition };
  }
}
