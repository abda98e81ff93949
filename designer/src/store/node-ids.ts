/**
 * Readable node ids (`message_2`): they appear in conditions (`{ message: "message_2" }`), in stats
 * and in the Temporal UI, so they should say what the node is.
 */
export function newNodeId(type: string, taken: ReadonlySet<string>): string {
  const base = type.replace(/[^A-Za-z0-9_-]/g, '_') || 'node';
  for (let n = 1; ; n++) {
    const id = `${base}_${n}`;
    if (!taken.has(id)) return id;
  }
}
