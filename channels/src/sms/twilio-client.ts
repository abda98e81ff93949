import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';

export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  /** SMS sender: an E.164 number or alphanumeric sender id (or use `messagingServiceSid`). */
  from?: string;
  /** A Messaging Service picks the sender from its pool; takes precedence over `from` for SMS. */
  messagingServiceSid?: string;
  /** WhatsApp-enabled sender number (E.164, without the `whatsapp:` prefix). */
  whatsappFrom?: string;
  /** Where Twilio posts status callbacks (the engine's public endpoint, exactly as Twilio calls it). */
  statusCallbackUrl?: string;
  /** Base URL of the Twilio REST API, for egress proxies and local Twilio-compatible endpoints. */
  apiBaseUrl?: string;
}

const TWILIO_API = 'https://api.twilio.com';

/** Sends the SDK's requests to another base URL (the SDK itself only knows twilio.com hosts). */
class RebasedRequestClient extends twilio.RequestClient {
  constructor(private readonly baseUrl: string) {
    super();
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const uri = opts.uri.startsWith(TWILIO_API)
      ? this.baseUrl.replace(/\/+$/, '') + opts.uri.slice(TWILIO_API.length)
      : opts.uri;
    return super.request<TData>({ ...opts, uri });
  }
}

export function createTwilioClient(config: TwilioConfig): twilio.Twilio {
  return twilio(config.accountSid, config.authToken, {
    ...(config.apiBaseUrl && config.apiBaseUrl !== TWILIO_API
      ? { httpClient: new RebasedRequestClient(config.apiBaseUrl) }
      : {}),
  });
}
