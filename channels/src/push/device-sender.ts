import { ProviderError, type Device, type PushMessage } from '../types.js';

/** A push message without its devices: what each platform renders. */
export type PushNotification = Omit<PushMessage, 'devices'>;

/** Delivers to one device of one platform; throws {@link ProviderError} `invalid_token` for tokens to prune. */
export interface DeviceSender {
  readonly platform: Device['platform'];
  /** Resolves to the platform's message id. */
  send(token: string, notification: PushNotification): Promise<string>;
  verify(): Promise<void>;
}

/** Maps an HTTP failure status to a provider error; platform-specific invalid-token answers are checked first by callers. */
export function httpFailure(platform: string, status: number, detail: string): ProviderError {
  const retryable = status === 429 || status >= 500;
  return new ProviderError(retryable ? 'unavailable' : 'rejected', `${platform} ${status}: ${detail}`, retryable);
}
