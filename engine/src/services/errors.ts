import { closeSync, openSync, readSync, statSync } from 'node:fs';

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
        (options?.cause instanceof Error ? ` Cause: ${options.cause.message}` : '') +
        (options?.logFile ? lastLogLines(options.logFile) : ''),
      { cause: options?.cause },
    );
    this.name = 'ServiceStartError';
  }
}

/** The end of the service's log, where it says why it exited, so the error reads on its own (in CI, too). */
function lastLogLines(logFile: string, lines = 5): string {
  try {
    const size = statSync(logFile).size;
    const length = Math.min(size, 4_096);
    const buffer = Buffer.alloc(length);
    const fd = openSync(logFile, 'r');
    try {
      readSync(fd, buffer, 0, length, size - length);
    } finally {
      closeSync(fd);
    }
    const tail = buffer.toString('utf8').split('\n').filter(Boolean).slice(-lines);
    return tail.length ? `\nLast lines of the log:\n${tail.map((line) => `  ${line.slice(0, 400)}`).join('\n')}` : '';
  } catch {
    return '';
  }
}
