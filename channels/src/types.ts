/** What every provider gets besides the message: keys that tie the send to the outbox. */
export interface SendContext {
  /** The outbox key (entry, node, visit); providers that support it pass it on for dedupe. */
  idempotencyKey: string;
  /** The outbox message id, used in tracking links and headers. */
  messageId: string;
  userId: string;
}

export interface SendResult {
  providerMessageId: string;
  /** `delivered` when the provider confirms synchronously (sandbox), else `sent`. */
  status: 'sent' | 'delivered';
}

/** A channel provider (DESIGN.md §6). `M` is the rendered message the channel takes. */
export interface Provider<M> {
  readonly name: string;
  send(message: M, context: SendContext): Promise<SendResult>;
  /** Checks configuration and reachability without sending. */
  verify(): Promise<void>;
}
