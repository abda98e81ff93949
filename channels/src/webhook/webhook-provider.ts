import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { setTimeout as delay } from 'node:timers/promises';
import { createAddressGuard, type AddressGuard } from '../net/address-guard.js';
import { ProviderError, type Provider, type SendContext, type SendResult, type WebhookMessage } from '../types.js';

export interface WebhookConfig {
  /** Hosts, IPs or CIDR ranges that may be called although private (see {@link createAddressGuard}). */
  allow?: string[];
  /** Permit plain `http:` URLs (development only; journeys compiled in production mode require https). */
  allowHttp?: boolean;
  /** Per attempt, response included. Default 10 s. */
  timeoutMs?: number;
  /** Attempts after the first on 5xx, 408, 429, timeouts and connection errors. Default 3. */
  retries?: number;
  /** First backoff; doubles per attempt, with up to 20% jitter. Default 500 ms. */
  backoffMs?: number;
}

/** Calls one URL once; redirects are not followed (a redirect could lead inside the network). */
function attempt(
  guard: AddressGuard,
  url: URL,
  message: WebhookMessage,
  context: SendContext,
  timeoutMs: number,
): Promise<ProviderError | undefined> {
  const headers: Record<string, string> = {
    'user-agent': 'Waymark-Webhook/1',
    // Lets the receiver drop the duplicates that retries (ours or the engine's) may cause.
    'idempotency-key': context.idempotencyKey,
    'x-waymark-message-id': context.messageId,
    ...(message.body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...message.headers,
  };
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const req = request(
      url,
      { method: message.method, headers, lookup: guard.lookup, signal: AbortSignal.timeout(timeoutMs) },
      (res) => {
        res.resume();
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) return resolve(undefined);
          const retryable = status >= 500 || status === 408 || status === 429;
          resolve(new ProviderError(retryable ? 'unavailable' : 'rejected', `HTTP ${status}`, retryable));
        });
        res.on('error', (error) => resolve(new ProviderError('unavailable', error.message, true)));
      },
    );
    req.on('error', (error) => {
      // The guard's refusal arrives here as the lookup's error.
      if (error instanceof ProviderError) return resolve(error);
      resolve(
        new ProviderError(
          'unavailable',
          error.name === 'AbortError' ? `timed out after ${timeoutMs} ms` : error.message,
          true,
        ),
      );
    });
    req.end(message.body);
  });
}

/** The webhook channel: the rendered request, with a timeout, retries with backoff and the SSRF guard. */
export function createWebhookProvider(config: WebhookConfig = {}): Provider<WebhookMessage> {
  const { allowHttp = false, timeoutMs = 10_000, retries = 3, backoffMs = 500 } = config;
  const guard = createAddressGuard(config.allow);
  return {
    name: 'webhook',
    // Every request carries the Idempotency-Key header: receivers dedupe a repeated call by it.
    idempotent: true,
    async send(message, context): Promise<SendResult> {
      const url = new URL(message.url);
      if (url.protocol !== 'https:' && !(allowHttp && url.protocol === 'http:'))
        throw new ProviderError('rejected', `webhook URLs must use https, not ${url.protocol}`);
      guard.checkUrl(url);
      for (let attemptNo = 0; ; attemptNo++) {
        const error = await attempt(guard, url, message, context, timeoutMs);
        if (!error) return { providerMessageId: `webhook-${context.messageId}`, status: 'delivered' };
        if (!error.retryable || attemptNo >= retries) {
          throw new ProviderError(
            error.code,
            `webhook ${message.method} ${url.host}: ${error.message} (attempt ${attemptNo + 1})`,
            error.retryable,
          );
        }
        await delay(backoffMs * 2 ** attemptNo * (1 + Math.random() * 0.2));
      }
    },
    // Nothing to check ahead: each message names its own URL.
    async verify() {},
  };
}
