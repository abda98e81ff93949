/** Choices of enum fields in words, by field name; a value without words shows as written. */
const optionWords: Record<string, Record<string, string>> = {
  reentry: {
    never: 'Never: once per person, ever',
    afterExit: 'Again after they leave the journey',
    always: 'Any time, even while already in it',
  },
  contactPolicy: { default: 'Follow the workspace contact policy', bypass: 'Ignore quiet hours and frequency caps' },
  mode: { fixed: 'Keep the weights as set', optimize: 'Shift people to the variant that converts best' },
  kind: {
    event: 'When an event happens',
    segment: 'When someone starts matching a segment',
    schedule: 'On a schedule',
    api: 'When the API enters someone',
  },
  channel: { email: 'Email', push: 'Push', sms: 'SMS', whatsapp: 'WhatsApp', webhook: 'Webhook' },
};

export function optionLabel(field: string, option: unknown): string {
  return optionWords[field]?.[String(option)] ?? String(option);
}
