/**
 * The engine API's error, `{ error: { code, message, details } }` with an HTTP status
 * (docs/architecture.md#the-api): thrown by the engine's handlers and by the designer's client.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
