import { Schema, model, type InferSchemaType } from 'mongoose';

/**
 * An identity link: calls under `anonymousId` (or an alias's previousId) belong to `userId` from now
 * on. Unique per anonymousId, so of two concurrent links exactly one is made (an atomic insert).
 */
const AliasSchema = new Schema(
  {
    anonymousId: { type: String, required: true, unique: true },
    userId: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export type Alias = InferSchemaType<typeof AliasSchema>;
export const AliasModel = model('Alias', AliasSchema);
