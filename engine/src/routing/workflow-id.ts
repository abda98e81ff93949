/** Workflow ids (docs/architecture.md#running-on-temporal): `journey:<journeyId>:<userId>`, with the entry key appended when re-entry is `always`. */
export function journeyWorkflowId(journeyId: string, userId: string, reentry: string, entryKey: string): string {
  const base = `journey:${journeyId}:${userId}`;
  return reentry === 'always' ? `${base}:${entryKey}` : base;
}
