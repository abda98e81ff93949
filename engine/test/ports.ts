import getPort, { portNumbers } from 'get-port';

/**
 * A free port below Linux's ephemeral range (32768 and up), for a service a test stops and starts again on the
 * same port: a port in the ephemeral range can be taken in between as the source port of any outgoing connection
 * of a parallel test. The search starts at a random point so parallel test files rarely probe the same ports.
 */
export function rebindablePort(): Promise<number> {
  const from = 20_000 + Math.floor(Math.random() * 12_000);
  return getPort({ port: portNumbers(from, 32_000) });
}

/** The ports `waymark start` binds, by the variable that sets each: tests start it again on the same ones. */
export async function startPorts() {
  return {
    PORT: await rebindablePort(),
    TEMPORAL_PORT: await rebindablePort(),
    TEMPORAL_UI_PORT: await rebindablePort(),
    MONGO_PORT: await rebindablePort(),
    SMTP_PORT: await rebindablePort(),
    MAIL_UI_PORT: await rebindablePort(),
  };
}
