import type { Model, Types } from 'mongoose';

/** A schema's document type as plain data: arrays of subdocuments as plain arrays; an ObjectId `_id` optional. */
export type PlainDoc<T> = {
  [K in keyof T]: T[K] extends Types.DocumentArray<infer U> ? U[] : T[K];
} & ('_id' extends keyof T ? unknown : { _id?: Types.ObjectId });

/**
 * Inserts the documents as given, past Mongoose's hydration, defaults and validation. Those cost the
 * engine about 0.4-0.6 ms of CPU per document, more than the driver's insert itself (docs/store.md,
 * "Hot-path inserts"): the per-event inserts go this way, and their callers build complete documents
 * (every default and timestamp written out; the schema's type checks them). Undefined fields are left
 * out, as Mongoose leaves them out. Errors are the driver's, which `isDuplicateKey` and
 * `onlyDuplicateKeys` read as they read Mongoose's.
 */
export async function insertPlain<T>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- only the document type matters here
  model: Model<T, any, any, any, any, any>,
  docs: PlainDoc<T>[],
  options: { ordered?: boolean } = {},
) {
  await model.collection.insertMany(
    docs.map((doc) => ({ ...doc })),
    { ordered: options.ordered ?? true, ignoreUndefined: true },
  );
}
