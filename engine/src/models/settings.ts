import { Schema, model } from 'mongoose';

/**
 * The workspace settings (`GET/PUT /api/settings`): one document. `revision` grows on every save so
 * each process can tell when to rebuild its providers. Provider secrets are stored as given: keep
 * the database private (the API never returns them).
 */
const SettingsSchema = new Schema(
  {
    _id: { type: String, default: 'workspace' },
    contactPolicy: { type: Schema.Types.Mixed, default: {} },
    providers: { type: Schema.Types.Mixed, default: {} },
    revision: { type: Number, default: 0 },
  },
  { timestamps: true, minimize: false },
);

export const SettingsModel = model('Settings', SettingsSchema);

/**
 * Short-lived mutual exclusion (e.g. one send decision per user at a time). A lock is a document
 * with a unique `_id`: inserting it is atomic on MongoDB and FerretDB alike, where FerretDB's
 * read-modify-write updates (`$inc`) are not.
 */
const LockSchema = new Schema({ _id: { type: String, required: true }, owner: { type: String, required: true }, at: { type: Date, required: true } }, { versionKey: false });

export const LockModel = model('Lock', LockSchema);
