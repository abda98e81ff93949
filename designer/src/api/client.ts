import { ApiError } from '@waymark/workflows';

/** The engine's error format, thrown for every error answer. */
export { ApiError };

export interface ApiClientOptions {
  /** Origin of the engine; empty for same-origin (the engine serves the designer). */
  baseUrl?: string;
  /** Admin token sent as Bearer on management calls. */
  token?: () => string | undefined;
  fetch?: typeof fetch;
  /** Sees every ApiError before it is thrown (the shell logs out on 401/403). */
  onError?: (error: ApiError) => void;
  /** How long a call may take before it fails with `timeout` (a hanging engine must not spin forever). */
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * fetch that gives up after `timeoutMs`: a timeout or a network failure becomes an ApiError with
 * status 0 (`timeout`, `unreachable`) and a message a marketer can act on.
 */
export async function fetchWithTimeout(
  doFetch: typeof fetch,
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<Response> {
  const what = `${init.method ?? 'GET'} ${url}`;
  try {
    return await doFetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError')
      throw new ApiError(
        0,
        'timeout',
        `The engine did not answer within ${Math.round(timeoutMs / 1000)} s (${what}). It may be busy or down.`,
      );
    throw new ApiError(0, 'unreachable', `Could not reach the engine (${what}): ${(error as Error).message}.`);
  }
}

export interface ApiClient {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  delete<T>(path: string): Promise<T>;
}

/** JSON over fetch with the admin token; non-2xx answers become ApiError with the engine's code and message. */
export function createApiClient({
  baseUrl = '',
  token = () => undefined,
  fetch: doFetch = globalThis.fetch.bind(globalThis),
  onError,
  timeoutMs = DEFAULT_TIMEOUT_MS,
}: ApiClientOptions = {}): ApiClient {
  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const bearer = token();
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetchWithTimeout(
        doFetch,
        `${baseUrl}${path}`,
        { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) },
        timeoutMs,
      );
    } catch (error) {
      onError?.(error as ApiError);
      throw error;
    }
    const payload: unknown = response.headers.get('content-type')?.includes('application/json')
      ? await response.json()
      : undefined;
    if (response.ok) return payload as T;
    const error = (payload as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
    const failure = new ApiError(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? `${method} ${path} answered ${response.status}`,
      error?.details,
    );
    onError?.(failure);
    throw failure;
  }
  return {
    get: (path) => request('GET', path),
    post: (path, body) => request('POST', path, body),
    put: (path, body) => request('PUT', path, body),
    delete: (path) => request('DELETE', path),
  };
}
