import { config } from '../config.js';
import { cachedBinary, ferretDb, findOnPath, temporalCli, timeSkippingServer } from '../services/binaries.js';

/**
 * Builds the cached binaries ahead of time (CI does this before the tests): the Go-built services
 * unless configured otherwise, and the time-skipping test server the tests of long journeys use.
 */
export async function prepare(): Promise<void> {
  const say = (message: string) => process.stdout.write(`waymark: ${message}\n`);
  const { temporalAddress, temporalCliPath, mongodbUri } = config();
  const needsTemporal = !temporalAddress && !temporalCliPath && !findOnPath('temporal');
  const needsStore = !mongodbUri && !findOnPath('mongod');
  const wanted = [
    { needed: needsTemporal, binary: temporalCli, withoutTool: 'the SDK fallback will be used at start' },
    { needed: needsStore, binary: ferretDb, withoutTool: 'the SDK fallback will be used at start' },
    { needed: true, binary: timeSkippingServer, withoutTool: 'tests of long journeys will fail' },
  ];
  for (const { needed, binary, withoutTool } of wanted) {
    if (!needed) continue;
    const path = await cachedBinary(binary, say);
    say(path ? `${binary.title}: ${path}` : `${binary.title}: ${binary.tool} is not installed; ${withoutTool}`);
  }
}
