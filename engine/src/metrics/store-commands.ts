import mongoose from 'mongoose';
import { connectStore } from '../models/index.js';
import { storeCommandDuration } from './registry.js';

/**
 * Connects to the store (the usual pool and timeouts) with the driver's command monitoring on, and
 * feeds every command's duration into `waymark_store_command_duration_seconds`.
 */
export async function connectMonitoredStore(uri: string): Promise<void> {
  await connectStore(uri, { monitorCommands: true });
  const client = mongoose.connection.getClient();
  client.on('commandSucceeded', (event) =>
    storeCommandDuration.observe({ command: event.commandName, outcome: 'ok' }, event.duration / 1000),
  );
  client.on('commandFailed', (event) =>
    storeCommandDuration.observe({ command: event.commandName, outcome: 'failed' }, event.duration / 1000),
  );
}
