import { ProviderError, type Device, type Provider, type PushMessage, type PushSendResult } from '../types.js';
import type { DeviceSender } from './device-sender.js';

/**
 * Push to every device of the user, each through its platform's sender. Per-device failures do not
 * throw: the result lists tokens to prune and is `failed` only when no device took the message.
 */
export function createPushProvider(senders: DeviceSender[]): Provider<PushMessage, PushSendResult> {
  const byPlatform = new Map(senders.map((sender) => [sender.platform, sender]));
  return {
    name: `push(${senders.map((sender) => sender.platform).join(',')})`,
    async send({ devices, ...notification }) {
      const targets = devices.filter((device) => byPlatform.has(device.platform));
      if (targets.length === 0)
        return {
          providerMessageId: '',
          status: 'failed',
          error: 'no device on a configured push platform',
          invalidTokens: [],
        };
      const outcomes = await Promise.allSettled(
        targets.map((device) => byPlatform.get(device.platform)!.send(device.token, notification)),
      );
      const sent: string[] = [];
      const invalidTokens: Device[] = [];
      const errors: string[] = [];
      outcomes.forEach((outcome, index) => {
        if (outcome.status === 'fulfilled') return void sent.push(outcome.value);
        const error = outcome.reason as Error;
        if (error instanceof ProviderError && error.code === 'invalid_token') invalidTokens.push(targets[index]!);
        errors.push(error.message);
      });
      return sent.length > 0
        ? { providerMessageId: sent.join(' '), status: 'sent', invalidTokens }
        : { providerMessageId: '', status: 'failed', error: errors.join('; '), invalidTokens };
    },
    async verify() {
      await Promise.all(senders.map((sender) => sender.verify()));
    },
  };
}
