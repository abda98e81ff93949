import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ServiceStartError } from './errors.js';
import { startProcess, whenReady } from './managed-process.js';
import { dataDir, ensureDir } from './paths.js';
import { isPortOpen, pollUntil } from './wait.js';

export interface MailOptions {
  /** SMTP_URL: a real SMTP server to use instead of MailDev. */
  smtpUrl?: string;
  smtpPort: number;
  uiPort: number;
  /** Where MailDev keeps received mail, so the inbox survives restarts. */
  storeDir: string;
}

export interface MailService {
  /** SMTP URL for nodemailer. */
  smtpUrl: string;
  /** Web inbox; its REST API is under `/api` (`GET /api/email`). Absent when SMTP_URL points at a real server. */
  inboxUrl?: string;
  source: 'SMTP_URL' | 'MailDev';
  stop(): Promise<void>;
}

/** SMTP_URL when set, else MailDev (its own process, so its console output goes to a log file). */
export async function startMail(options: MailOptions): Promise<MailService> {
  const external = options.smtpUrl;
  if (external) return { smtpUrl: external, source: 'SMTP_URL', stop: async () => {} };

  for (const [port, env] of [
    [options.smtpPort, 'SMTP_PORT'],
    [options.uiPort, 'MAIL_UI_PORT'],
  ] as const) {
    if (await isPortOpen(port)) {
      throw new ServiceStartError(
        'MailDev',
        `binding port ${port}`,
        `Something already listens there: stop it, set ${env} to a free port, or set SMTP_URL to use a real SMTP server.`,
      );
    }
  }
  const bin = maildevBin();
  const proc = startProcess(
    'maildev',
    process.execPath,
    [
      bin,
      '--smtp',
      String(options.smtpPort),
      '--ip',
      '127.0.0.1',
      '--web',
      String(options.uiPort),
      '--web-ip',
      '127.0.0.1',
      '--mail-directory',
      ensureDir(join(options.storeDir, 'maildev')),
    ],
    { logFile: join(ensureDir(join(dataDir(), 'logs')), `maildev-${options.smtpPort}.log`) },
  );
  const inboxUrl = `http://localhost:${options.uiPort}`;
  try {
    await whenReady(
      proc,
      pollUntil(
        'MailDev',
        async () => ((await fetch(`${inboxUrl}/api/healthz`)).ok && (await isPortOpen(options.smtpPort))) || undefined,
        { timeoutMs: 30_000 },
      ),
    );
  } catch (cause) {
    throw new ServiceStartError(
      'MailDev',
      'starting the SMTP sink',
      'See the log; set SMTP_PORT/MAIL_UI_PORT to free ports, or SMTP_URL to use a real SMTP server.',
      { cause, logFile: proc.logFile },
    );
  }
  return { smtpUrl: `smtp://127.0.0.1:${options.smtpPort}`, inboxUrl, source: 'MailDev', stop: () => proc.stop() };
}

/** MailDev's CLI script; its package exports only the library, so look it up along Node's module paths. */
function maildevBin(): string {
  const candidates = (createRequire(import.meta.url).resolve.paths('maildev') ?? []).map((dir) =>
    join(dir, 'maildev', 'dist', 'bin', 'maildev.js'),
  );
  const found = candidates.find((path) => existsSync(path));
  if (!found)
    throw new ServiceStartError(
      'MailDev',
      'locating the maildev package',
      'Run `npm install` at the repository root, or set SMTP_URL.',
    );
  return found;
}
