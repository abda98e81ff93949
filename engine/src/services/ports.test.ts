import { describe, expect, it } from 'vitest';
import { portsFromEnv } from './index.js';

describe('portsFromEnv', () => {
  it('defaults to the documented ports', () => {
    expect(portsFromEnv({})).toEqual({ temporal: 7233, temporalUi: 8233, mongo: 27017, smtp: 1025, mailUi: 1080 });
  });

  it('takes each port from its variable', () => {
    expect(
      portsFromEnv({
        TEMPORAL_PORT: '17233',
        TEMPORAL_UI_PORT: '18233',
        MONGO_PORT: '37017',
        SMTP_PORT: '2525',
        MAIL_UI_PORT: '2080',
      }),
    ).toEqual({
      temporal: 17233,
      temporalUi: 18233,
      mongo: 37017,
      smtp: 2525,
      mailUi: 2080,
    });
  });

  it('rejects a value that is not a port, naming the variable', () => {
    expect(() => portsFromEnv({ MONGO_PORT: 'mongo' })).toThrow(
      'MONGO_PORT must be a port number (1-65535), got "mongo"',
    );
    expect(() => portsFromEnv({ SMTP_PORT: '70000' })).toThrow(/SMTP_PORT/);
  });
});
