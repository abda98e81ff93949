import type { DraftDocument } from '@waymark/workflows/api';
import { describeDuration, parseDuration } from '../steps/duration';
import { valueWords } from '../words/conditions';

/** One leaf that differs; `before`/`after` undefined = the field is absent on that side. */
export interface FieldChange {
  path: string;
  before: unknown;
  after: unknown;
}

/** What publishing would change compared with the last version; positions are not a change. */
export interface DocumentChanges {
  added: string[];
  removed: string[];
  /** Steps kept but edited: `type` or paths inside `data` (`template.title`, `variants.0.weight`). */
  changed: { id: string; fields: FieldChange[] }[];
  /** Connections as `source:handle->target`. */
  edgesAdded: string[];
  edgesRemoved: string[];
  /** Journey settings paths (`goal.event`). */
  settings: FieldChange[];
  renamed?: { before: string; after: string };
}

type Json = unknown;
const isRecord = (value: Json): value is Record<string, Json> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Leaf-level differences between two JSON values; objects compare by key, arrays by index. */
export function diffFields(before: Json, after: Json, path = ''): FieldChange[] {
  const join = (key: string | number) => (path ? `${path}.${key}` : String(key));
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => diffFields(before[key], after[key], join(key)));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    return Array.from({ length: Math.max(before.length, after.length) }, (_, index) =>
      diffFields(before[index], after[index], join(index)),
    ).flat();
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path, before, after }];
}

const edgeKeys = (document: DraftDocument | undefined) =>
  new Set((document?.graph.edges ?? []).map((edge) => `${edge.source}:${edge.sourceHandle ?? 'next'}->${edge.target}`));

export function diffDocuments(previous: DraftDocument | undefined, next: DraftDocument): DocumentChanges {
  const before = new Map((previous?.graph.nodes ?? []).map((node) => [node.id, node]));
  const after = new Map(next.graph.nodes.map((node) => [node.id, node]));
  const previousEdges = edgeKeys(previous);
  const nextEdges = edgeKeys(next);
  const changed = next.graph.nodes.flatMap((node) => {
    const old = before.get(node.id);
    if (!old) return [];
    const fields = [...diffFields(old.type, node.type, 'type'), ...diffFields(old.data ?? {}, node.data ?? {})];
    return fields.length ? [{ id: node.id, fields }] : [];
  });
  return {
    added: [...after.keys()].filter((id) => !before.has(id)),
    removed: [...before.keys()].filter((id) => !after.has(id)),
    changed,
    edgesAdded: [...nextEdges].filter((key) => !previousEdges.has(key)),
    edgesRemoved: [...previousEdges].filter((key) => !nextEdges.has(key)),
    settings: diffFields(previous?.settings ?? {}, next.settings),
    ...(previous && previous.name !== next.name ? { renamed: { before: previous.name, after: next.name } } : {}),
  };
}

/** A value as one short line in words for the publish dialog; "—" for absent. */
export function shortValue(value: unknown, max = 60): string {
  if (value === undefined) return '—';
  const text =
    typeof value === 'string'
      ? parseDuration(value)
        ? describeDuration(value)
        : `"${value}"`
      : isRecord(value)
        ? Object.entries(value)
            .map(([key, inner]) => `${key}: ${shortValue(inner, max)}`)
            .join(', ')
        : valueWords(value, 'and');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export const hasChanges = (changes: DocumentChanges): boolean =>
  Boolean(
    changes.added.length ||
    changes.removed.length ||
    changes.changed.length ||
    changes.edgesAdded.length ||
    changes.edgesRemoved.length ||
    changes.settings.length ||
    changes.renamed,
  );
