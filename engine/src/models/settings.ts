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
