/** Mongo's duplicate-key error: a unique index refused the write (a retry or a concurrent twin won). */
export const isDuplicateKey = (error: unknown): boolean => (error as { code?: number }).code === 11000;

/** True when a bulk write (insertMany/bulkWrite, unordered) failed only on duplicate keys. */
export function onlyDuplicateKeys(error: unknown): boolean {
  const failed = (error as { writeErrors?: { code?: number; err?: { code?: number } }[] }).writeErrors;
  return Boolean(failed?.length) && failed!.every((e) => (e.code ?? e.err?.code) === 11000);
}
