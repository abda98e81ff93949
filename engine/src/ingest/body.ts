import express, { type RequestHandler } from 'express';
import { gunzipSync } from 'node:zlib';
import { ApiError } from '../http/errors.js';

const GZIP_MAGIC = [0x1f, 0x8b];

/**
 * The body as JSON whatever its Content-Type says (analytics.js beacons send text/plain,
 * rudder-sdk-node sends gzip labelled as a form): inflated per Content-Encoding, or when the bytes
 * are gzip without saying so; `limit` bytes after inflating.
 */
export function jsonBody(limit: number): RequestHandler[] {
  return [
    express.raw({ type: () => true, limit, inflate: true }),
    (req, _res, next) => {
      let bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1]) {
        try {
          bytes = gunzipSync(bytes, { maxOutputLength: limit });
        } catch (error) {
          const tooLarge = (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
          throw tooLarge
            ? new ApiError(413, 'payload_too_large', `The inflated body is larger than ${limit} bytes.`)
            : new ApiError(400, 'invalid_body', 'The body looks gzipped but does not inflate.');
        }
      }
      try {
        req.body = JSON.parse(bytes.toString('utf8'));
      } catch {
        throw new ApiError(400, 'invalid_json', 'The request body is not valid JSON.');
      }
      next();
    },
  ];
}
