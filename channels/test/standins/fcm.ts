import { randomBytes } from 'node:crypto';
import { importSPKI, jwtVerify } from 'jose';
import { listen, readBody, sendJson, type RunningServer } from './http.js';

export interface FcmStandin extends RunningServer {
  /** Token URL to put in the service account's `token_uri`. */
  tokenUri: string;
  /** Messages FCM accepted. */
  messages: { name: string; message: Record<string, unknown> }[];
  tokenRequests: number;
  /** Registration tokens FCM answers UNREGISTERED for. */
  unregistered: Set<string>;
}

const fcmError = (code: number, status: string, message: string, errorCode?: string) => ({
  error: {
    code,
    message,
    status,
    ...(errorCode ? { details: [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode }] } : {}),
  },
});

/** Google's OAuth2 JWT-bearer token endpoint and FCM's v1 messages:send, for one service account. */
export async function startFcmStandin(account: {
  projectId: string;
  clientEmail: string;
  publicKeyPem: string;
}): Promise<FcmStandin> {
  const publicKey = await importSPKI(account.publicKeyPem, 'RS256');
  const accessTokens = new Set<string>();
  const state = { messages: [] as FcmStandin['messages'], tokenRequests: 0, unregistered: new Set<string>() };
  let tokenUri = '';

  const server = await listen(async (req, res) => {
    const body = (await readBody(req)).toString();
    if (req.method === 'POST' && req.url === '/token') {
      state.tokenRequests++;
      const form = new URLSearchParams(body);
      if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer')
        return sendJson(res, 400, { error: 'unsupported_grant_type' });
      try {
        const { payload } = await jwtVerify(form.get('assertion') ?? '', publicKey, {
          issuer: account.clientEmail,
          audience: tokenUri,
          algorithms: ['RS256'],
        });
        if (payload.scope !== 'https://www.googleapis.com/auth/firebase.messaging')
          return sendJson(res, 400, { error: 'invalid_scope' });
      } catch (error) {
        return sendJson(res, 400, {
          error: 'invalid_grant',
          error_description: `Invalid JWT Signature: ${(error as Error).message}`,
        });
      }
      const accessToken = `ya29.${randomBytes(24).toString('base64url')}`;
      accessTokens.add(accessToken);
      return sendJson(res, 200, { access_token: accessToken, expires_in: 3599, token_type: 'Bearer' });
    }
    if (req.method === 'POST' && req.url === `/v1/projects/${account.projectId}/messages:send`) {
      if (!accessTokens.has((req.headers.authorization ?? '').replace(/^Bearer /, ''))) {
        return sendJson(res, 401, fcmError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.'));
      }
      const { message = {} } = JSON.parse(body) as { message?: Record<string, unknown> };
      const token = message.token;
      if (typeof token !== 'string' || token.length === 0)
        return sendJson(
          res,
          400,
          fcmError(
            400,
            'INVALID_ARGUMENT',
            'The registration token is not a valid FCM registration token',
            'INVALID_ARGUMENT',
          ),
        );
      if (state.unregistered.has(token))
        return sendJson(res, 404, fcmError(404, 'NOT_FOUND', 'Requested entity was not found.', 'UNREGISTERED'));
      const name = `projects/${account.projectId}/messages/0:${Date.now()}%${randomBytes(8).toString('hex')}`;
      state.messages.push({ name, message });
      return sendJson(res, 200, { name });
    }
    sendJson(res, 404, fcmError(404, 'NOT_FOUND', `no route ${req.method} ${req.url}`));
  });
  tokenUri = `${server.url}/token`;
  return Object.assign(state, server, { tokenUri });
}
