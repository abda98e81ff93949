import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listen, readBody, sendJson, type RunningServer } from './http.js';

/** A message as the stand-in stored it (Twilio's form fields, PascalCase). */
export interface StoredMessage {
  sid: string;
  params: Record<string, string>;
}

export interface TwilioStandin extends RunningServer {
  messages: StoredMessage[];
  /** Posts a signed status callback for a message to its StatusCallback URL, as Twilio does. */
  sendStatus(sid: string, status: string, extra?: Record<string, string>): Promise<Response>;
  /**
   * Holds the answers to message creation (the messages are stored at once) until the returned function
   * is called: Twilio's callbacks can reach the sender before its API call has returned.
   */
  holdAnswers(): () => void;
}

const E164 = /^\+[1-9]\d{6,14}$/;

const twilioError = (res: ServerResponse, status: number, code: number, message: string) =>
  sendJson(res, status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });

/** Twilio's request signature: HMAC-SHA1 over the URL followed by every field name and value, sorted by name. */
export function twilioSignature(authToken: string, url: string, fields: Record<string, string>): string {
  const data = Object.keys(fields)
    .sort()
    .reduce((acc, key) => acc + key + fields[key], url);
  return createHmac('sha1', authToken).update(data).digest('base64');
}

/** A Twilio-compatible REST endpoint (Accounts and Messages of the 2010-04-01 API) for one account. */
export async function startTwilioStandin(account: { sid: string; authToken: string }): Promise<TwilioStandin> {
  const messages: StoredMessage[] = [];
  let held: Promise<void> | undefined;
  const server = await listen(async (req: IncomingMessage, res: ServerResponse) => {
    const [user, password] = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64')
      .toString()
      .split(':');
    if (user !== account.sid || password !== account.authToken) return twilioError(res, 401, 20003, 'Authenticate');
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})(\/Messages)?\.json$/.exec(url.pathname);
    if (!match || match[1] !== account.sid)
      return twilioError(res, 404, 20404, `The requested resource ${url.pathname} was not found`);
    if (!match[2] && req.method === 'GET')
      return sendJson(res, 200, { sid: account.sid, friendly_name: 'Stand-in', status: 'active', type: 'Full' });
    if (!match[2] || req.method !== 'POST') return twilioError(res, 405, 20004, 'Method not allowed');
    if (!req.headers['content-type']?.startsWith('application/x-www-form-urlencoded'))
      return twilioError(res, 400, 21000, 'Expected a form body');

    const params = Object.fromEntries(new URLSearchParams((await readBody(req)).toString()));
    const {
      To: to,
      From: from,
      MessagingServiceSid: service,
      Body: body,
      ContentSid: contentSid,
      ContentVariables: variables,
    } = params;
    if (!to) return twilioError(res, 400, 21604, "A 'To' phone number is required.");
    if (!from && !service)
      return twilioError(res, 400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required.");
    const whatsapp = to.startsWith('whatsapp:');
    if (!E164.test(whatsapp ? to.slice(9) : to))
      return twilioError(res, 400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    if (whatsapp && !from?.startsWith('whatsapp:'))
      return twilioError(res, 400, 63007, 'Twilio could not find a Channel with the specified From address');
    if (!body && !contentSid) return twilioError(res, 400, 21602, 'Message body is required.');
    if (contentSid && !/^HX[0-9a-f]{32}$/i.test(contentSid))
      return twilioError(res, 400, 21656, 'The ContentSid is invalid.');
    if (variables !== undefined) {
      try {
        JSON.parse(variables);
      } catch {
        return twilioError(res, 400, 21656, 'ContentVariables must be valid JSON.');
      }
    }
    const sid = `SM${randomBytes(16).toString('hex')}`;
    messages.push({ sid, params });
    await held;
    const now = new Date().toUTCString();
    sendJson(res, 201, {
      sid,
      account_sid: account.sid,
      to,
      from: from ?? null,
      messaging_service_sid: service ?? null,
      body: body ?? '',
      status: 'queued',
      num_segments: '1',
      num_media: '0',
      direction: 'outbound-api',
      api_version: '2010-04-01',
      price: null,
      price_unit: 'USD',
      error_code: null,
      error_message: null,
      date_created: now,
      date_updated: now,
      date_sent: null,
      uri: `/2010-04-01/Accounts/${account.sid}/Messages/${sid}.json`,
      subresource_uris: { media: `/2010-04-01/Accounts/${account.sid}/Messages/${sid}/Media.json` },
    });
  });

  return {
    ...server,
    messages,
    holdAnswers() {
      let release!: () => void;
      held = new Promise((resolve) => (release = resolve));
      return () => {
        held = undefined;
        release();
      };
    },
    async sendStatus(sid, status, extra = {}) {
      const message = messages.find((candidate) => candidate.sid === sid);
      const callback = message?.params.StatusCallback;
      if (!message || !callback) throw new Error(`message ${sid} has no status callback`);
      const fields = {
        AccountSid: account.sid,
        ApiVersion: '2010-04-01',
        MessageSid: sid,
        SmsSid: sid,
        MessageStatus: status,
        SmsStatus: status,
        From: message.params.From ?? '',
        To: message.params.To ?? '',
        ...extra,
      };
      return fetch(callback, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': twilioSignature(account.authToken, callback, fields),
        },
        body: new URLSearchParams(fields),
      });
    },
  };
}
