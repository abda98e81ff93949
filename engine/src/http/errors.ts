import { ApiError } from '@waymark/workflows';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { logger } from '../logger.js';

/** An error a client caused, rendered as `{ error: { code, message, details } }`. */
export { ApiError };

export const notFound: RequestHandler = (req, _res, next) => {
  next(new ApiError(404, 'not_found', `No route for ${req.method} ${req.originalUrl.split('?')[0]}`));
};

/** Last handler: client errors as JSON, anything else logged and reported without internals. */
export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  if (error instanceof ApiError) {
    res.status(error.status).json({
      error: {
        code: error.code,
        message: error.message,
        ...(error.details === undefined ? {} : { details: error.details }),
      },
    });
    return;
  }
  // body-parser errors carry a status and a type (entity.too.large, entity.parse.failed).
  const status = (error as { status?: number }).status;
  const type = (error as { type?: string }).type;
  if (status === 413) {
    res.status(413).json({
      error: { code: 'payload_too_large', message: 'The request body is larger than the limit for this endpoint.' },
    });
    return;
  }
  if (status === 400 && type === 'entity.parse.failed') {
    res.status(400).json({ error: { code: 'invalid_json', message: 'The request body is not valid JSON.' } });
    return;
  }
  // Other body-parser refusals (an unsupported Content-Encoding: 415, a body that does not inflate: 400).
  if (status && status >= 400 && status < 500 && (error as { expose?: boolean }).expose) {
    res
      .status(status)
      .json({ error: { code: type?.replace(/\./g, '_') ?? 'bad_request', message: (error as Error).message } });
    return;
  }
  // Temporal unreachable (its client gives up with a ServiceError): the caller may retry; an entry the
  // request left `starting` is released by the sweeper (routing/sweeper.ts).
  if ((error as Error | undefined)?.name === 'ServiceError') {
    logger.warn({ err: error, method: req.method, path: req.path }, 'Temporal unavailable');
    res.status(503).json({
      error: { code: 'temporal_unavailable', message: 'Temporal is not reachable right now; try again shortly.' },
    });
    return;
  }
  logger.error({ err: error, method: req.method, path: req.path }, 'request failed');
  res
    .status(500)
    .json({ error: { code: 'internal', message: 'Something went wrong on our side; it has been logged.' } });
};
