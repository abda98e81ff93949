import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ServiceStartError } from '../../src/services/errors.js';

describe('ServiceStartError', () => {
  it("ends with the last lines of the service's log, where it says why it exited", () => {
    const logFile = join(mkdtempSync(join(tmpdir(), 'waymark-log-')), 'temporal.log');
    const noise = Array.from({ length: 200 }, (_, i) => `{"level":"INFO","msg":"line ${i}"}`);
    writeFileSync(logFile, [...noise, "Error: can't set frontend port 41017: address already in use", ''].join('\n'));
    const error = new ServiceStartError('Temporal', 'starting the dev server', 'Set TEMPORAL_PORT.', {
      cause: new Error('the process exited with code 1'),
      logFile,
    });
    expect(error.message).toMatch(/^Temporal: starting the dev server failed\. Set TEMPORAL_PORT\. \(log: /);
    expect(error.message).toContain('Cause: the process exited with code 1');
    expect(error.message).toContain("  Error: can't set frontend port 41017: address already in use");
    expect(error.message).toContain('line 199');
    expect(error.message).not.toContain('line 195');
  });

  it('reads without the log when the service never wrote one', () => {
    const error = new ServiceStartError('MailDev', 'starting', 'Set MAILDEV_PORT.', { logFile: '/nonexistent/x.log' });
    expect(error.message).toBe('MailDev: starting failed. Set MAILDEV_PORT. (log: /nonexistent/x.log)');
  });
});
