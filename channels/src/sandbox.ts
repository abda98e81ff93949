import type { Channel, ChannelProvider, ResultOf } from './types.js';

/**
 * The provider of a channel without credentials: nothing leaves the machine, the message counts as
 * delivered so demos and journeys run offline; the outbox keeps the rendered message.
 */
export function createSandboxProvider<C extends Channel>(channel: C): ChannelProvider<C> {
  return {
    name: 'sandbox',
    idempotent: true,
    async send(_message, context) {
      const result = { providerMessageId: `sandbox-${channel}-${context.messageId}`, status: 'delivered' as const };
      return (channel === 'push' ? { ...result, invalidTokens: [] } : result) as ResultOf<C>;
    },
    async verify() {},
  };
}
