import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('defaults every variable as the README documents', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      devMode: true,
      host: '127.0.0.1',
      port: 3000,
      logLevel: 'info',
      ports: { temporal: 7233, temporalUi: 8233, mongo: 27017, smtp: 1025, mailUi: 1080 },
      publicUrl: 'http://localhost:3000',
      emailFrom: 'Waymark <noreply@waymark.local>',
      steps: [],
      metricsPort: 0,
      taskQueue: 'waymark-journeys',
      retention: { events: 'P180D', transitions: 'P30D' },
      tokens: {},
    });
    expect(config.temporalAddress).toBeUndefined();
    expect(config.channels).toEqual({ webhook: { provider: 'http', config: { allow: [], allowHttp: false } } });
  });

  it('takes each variable, an empty one counting as unset', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      PORT: '8080',
      TEMPORAL_PORT: '17233',
      TEMPORAL_UI_PORT: '18233',
      MONGO_PORT: '37017',
      SMTP_PORT: '2525',
      MAIL_UI_PORT: '2080',
      TEMPORAL_ADDRESS: 'temporal:7233',
      WAYMARK_EMBEDDED_STORE: 'sqlite',
      WAYMARK_STEPS: './a.js, b ,',
      WAYMARK_TASK_QUEUE: 'tenant-a',
      WAYMARK_EVENT_RETENTION: 'P90D',
      WAYMARK_TEMPORAL_UI_URL: 'https://temporal.example.com/',
      WAYMARK_ADMIN_TOKEN: 'admin',
      WAYMARK_WRITE_KEY: '',
      SMTP_URL: 'smtp://mail:25',
      LOG_LEVEL: 'debug',
    });
    expect(config).toMatchObject({
      devMode: false,
      port: 8080,
      logLevel: 'debug',
      ports: { temporal: 17233, temporalUi: 18233, mongo: 37017, smtp: 2525, mailUi: 2080 },
      temporalAddress: 'temporal:7233',
      embeddedStore: 'sqlite',
      steps: ['./a.js', 'b'],
      taskQueue: 'tenant-a',
      retention: { events: 'P90D', transitions: 'P30D' },
      temporalUiUrl: 'https://temporal.example.com',
      publicUrl: 'http://localhost:8080',
      tokens: { adminToken: 'admin' },
      smtpUrl: 'smtp://mail:25',
    });
    // Production binds all interfaces unless HOST says otherwise.
    expect(config.host).toBeUndefined();
    expect(config.tokens.writeKey).toBeUndefined();
    expect(config.channels.email).toEqual({ provider: 'smtp', config: { smtpUrl: 'smtp://mail:25' } });
  });

  it.each([
    [{ MONGO_PORT: 'mongo' }, 'MONGO_PORT must be a port number (1-65535), got "mongo"'],
    [{ SMTP_PORT: '70000' }, 'SMTP_PORT must be a port number (1-65535), got "70000"'],
    [{ PORT: '0' }, 'PORT must be a port number (1-65535), got "0"'],
    [{ WAYMARK_METRICS_PORT: 'nine' }, 'WAYMARK_METRICS_PORT must be a port number (0 picks a free one), got "nine"'],
    [{ WAYMARK_EMBEDDED_STORE: 'mysql' }, 'WAYMARK_EMBEDDED_STORE must be "postgresql" or "sqlite", got "mysql"'],
    [
      { WAYMARK_TRANSITION_RETENTION: '30 days' },
      'WAYMARK_TRANSITION_RETENTION must be an ISO-8601 duration of at least a day, such as P90D, got "30 days"',
    ],
    [{ WAYMARK_EVENT_RETENTION: 'PT1H' }, 'WAYMARK_EVENT_RETENTION must be an ISO-8601 duration'],
    [{ WAYMARK_PUBLIC_URL: 'shop.example.com' }, 'WAYMARK_PUBLIC_URL must be a URL, got "shop.example.com"'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"'],
    [{ WAYMARK_TEMPORAL_METRICS_ADDRESS: '9464' }, 'WAYMARK_TEMPORAL_METRICS_ADDRESS must be host:port, got "9464"'],
  ])('rejects %o, naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('names every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'x', WAYMARK_EMBEDDED_STORE: 'mysql' })).toThrow(
      /PORT must be a port number.*; WAYMARK_EMBEDDED_STORE must be/,
    );
  });
});
