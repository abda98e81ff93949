import type { JourneyDocument } from '../store/document-graph';

/** What publishing would change compared with the last version; positions are not a change. */
export interface DocumentChanges {
  added: string[];
  removed: string[];
  changed: string[];
  connectionsChanged: boolean;
  settingsChanged: boolean;
  renamed: boolean;
}

const stable = (value: unknown): string => JSON.stringify(value, (_key, inner: unknown) => (inner && typeof inner === 'object' && !Array.isArray(inner) ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b))) : inner));
const edgeKeys = (document: JourneyDocument) => new Set(document.graph.edges.map((edge) => `${edge.source}:${edge.sourceHandle ?? 'next'}->${edge.target}`));

export function diffDocuments(previous: JourneyDocument | undefined, next: JourneyDocument): DocumentChanges {
  const before = new Map((previous?.graph.nodes ?? []).map((node) => [node.id, node]));
  const after = new Map(next.graph.nodes.map((node) => [node.id, node]));
  const previousEdges = previous ? edgeKeys(previous) : new Set<string>();
  const nextEdges = edgeKeys(next);
  return {
    added: [...after.keys()].filter((id) => !before.has(id)),
    removed: [...before.keys()].filter((id) => !after.has(id)),
    changed: [...after.values()].filter((node) => before.has(node.id) && (before.get(node.id)!.type !== node.type || stable(before.get(node.id)!.data) !== stable(node.data))).map((node) => node.id),
    connectionsChanged: previousEdges.size !== nextEdges.size || [...nextEdges].some((key) => !previousEdges.has(key)),
    settingsChanged: stable(previous?.settings ?? {}) !== stable(next.settings),
    renamed: previous !== undefined && previous.name !== next.name,
  };
}
