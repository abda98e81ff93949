import { Schema, model, type InferSchemaType } from 'mongoose';

export const journeyStatuses = ['draft', 'active', 'paused', 'archived'] as const;
export type JourneyStatus = (typeof journeyStatuses)[number];

/** A journey as the designer edits it: the draft document plus lifecycle state. */
const JourneySchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    /** The draft journey document (graph + settings) as the designer saved it. */
    draft: { type: Schema.Types.Mixed, required: true },
    /** Incremented on every draft save; a PUT must name the revision it edited (conflict detection). */
    revision: { type: Number, required: true, default: 1 },
    status: { type: String, enum: journeyStatuses, required: true, default: 'draft' },
    /** Latest published version, if any. */
    version: Number,
    /** How the published version is entered: event, segment, schedule or api. */
    triggerKind: String,
    /** The event that starts this journey (event trigger). */
    triggerEvent: String,
    /** Event names the running entries of any published version listen to (routing signals them). */
    listensTo: { type: [String], default: [] },
  },
  { timestamps: true, minimize: false },
);
JourneySchema.index({ status: 1, triggerEvent: 1 });
JourneySchema.index({ status: 1, triggerKind: 1 });
JourneySchema.index({ status: 1, listensTo: 1 });

export type Journey = InferSchemaType<typeof JourneySchema>;
export const JourneyModel = model('Journey', JourneySchema);

/** An immutable published version; running entries keep the IR they started with. */
const JourneyVersionSchema = new Schema(
  {
    journeyId: { type: String, required: true },
    version: { type: Number, required: true },
    document: { type: Schema.Types.Mixed, required: true },
    ir: { type: Schema.Types.Mixed, required: true },
    publishedAt: { type: Date, required: true },
  },
  { minimize: false },
);
JourneyVersionSchema.index({ journeyId: 1, version: 1 }, { unique: true });

export type JourneyVersion = InferSchemaType<typeof JourneyVersionSchema>;
export const JourneyVersionModel = model('JourneyVersion', JourneyVersionSchema);
