import { Schema, model, type InferSchemaType } from 'mongoose';

const ChannelConsent = new Schema(
  { subscribed: { type: Boolean, required: true }, updatedAt: { type: Date, required: true }, source: String },
  { _id: false },
);

const Device = new Schema(
  {
    /** `fcm` (Android and iOS through FCM), `apns`, or `webpush` (token is the JSON subscription). */
    platform: { type: String, enum: ['fcm', 'apns', 'webpush'], required: true },
    token: { type: String, required: true },
    addedAt: { type: Date, required: true },
  },
  { _id: false },
);

/** A person journeys run for: traits from identify, reachability and consent per channel. */
const ProfileSchema = new Schema(
  {
    userId: { type: String, required: true, unique: true },
    traits: { type: Schema.Types.Mixed, default: {} },
    email: String,
    phone: String,
    timezone: String,
    /** Consent per channel (email, sms, whatsapp, push); absent means not yet asked, which counts as subscribed except for whatsapp. */
    consent: { type: Map, of: ChannelConsent, default: {} },
    devices: { type: [Device], default: [] },
    /** Last inbound WhatsApp message, for the 24-hour session window. */
    whatsappSessionAt: Date,
    /**
     * Idempotency keys of the last journey steps that changed this profile (engine/src/profiles/step-changes.ts):
     * a retried step finds its key and does not apply its change again. In the profile itself, because
     * a write of one document is the only atomic step FerretDB has.
     */
    appliedSteps: { type: [String], default: undefined },
  },
  { timestamps: true, minimize: false },
);

// Inbound SMS and WhatsApp find the user by the sender's number.
ProfileSchema.index({ phone: 1 });

export type Profile = InferSchemaType<typeof ProfileSchema>;
export const ProfileModel = model('Profile', ProfileSchema);
