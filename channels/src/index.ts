export type { Provider, SendContext, SendResult } from './types.js';
export { createEmailProvider, type EmailMessage, type EmailProviderConfig } from './email/email-provider.js';
