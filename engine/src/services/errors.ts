/** A service that could not be obtained or started, with the step that failed and what to do about it. */
export class ServiceStartError extends Error {
  constructor(
    readonly service: string,
    readonly step: string,
    readonly hint: string,
    options?: { cause?: unknown; logFile?: string },
  ) {
    super(
      `${service}: ${step} failed. ${hint}` +
        (options?.logFile ? ` (log: ${options.logFile})` : '') +
        (options?.cause instanceof Error ? ` Cause: ${options.cause.message}` : ''),
      { cause: options?.cause },
    );
    this.name = 'ServiceStartError';
  }
}
