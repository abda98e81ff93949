import { cachedGoBinary, ferretDb, findOnPath, temporalCli } from '../services/binaries.js';

/** Builds the cached Go binaries ahead of time (CI does this before the tests) unless the services are configured otherwise. */
export async function prepare(): Promise<void> {
  const say = (message: string) => process.stdout.write(`waymark: ${message}\n`);
  const needsTemporal = !process.env.TEMPORAL_ADDRESS && !process.env.TEMPORAL_CLI_PATH && !findOnPath('temporal');
  const needsStore = !process.env.MONGODB_URI && !findOnPath('mongod');
  for (const [needed, binary] of [[needsTemporal, temporalCli], [needsStore, ferretDb]] as const) {
    if (!needed) continue;
    const path = await cachedGoBinary(binary, say);
    say(path ? `${binary.title}: ${path}` : `${binary.title}: Go is not installed; the SDK fallback will be used at start`);
  }
}
