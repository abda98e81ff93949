import mongoose from 'mongoose';

/**
 * Connections one engine process opens to the store. FerretDB serves each connection one command at a
 * time and holds two of its own backend connections per update, and its backends' pools end at 100:
 * with every process at 20, several engine and worker processes stay clear of the deadlock that ~100
 * concurrent updates cause (docs/store.md, "Bounded concurrency"). Operations beyond this wait their turn.
 */
export const STORE_POOL_SIZE = 20;

export interface StoreTimeouts {
  /** A command whose answer takes longer fails ("connection timed out") instead of hanging. */
  socketTimeoutMS: number;
  /** Waiting for a free connection of the pool longer than this fails the operation. */
  waitQueueTimeoutMS: number;
  /** After a timeout the driver checks the server again: a check that gets no answer ends here. */
  connectTimeoutMS: number;
  /** An operation waits this long for a server that answers checks, then fails. */
  serverSelectionTimeoutMS: number;
}

const defaults: StoreTimeouts = {
  socketTimeoutMS: 30_000,
  waitQueueTimeoutMS: 30_000,
  connectTimeoutMS: 10_000,
  serverSelectionTimeoutMS: 10_000,
};

/** Connects the process-wide Mongoose connection with bounded concurrency and a deadline on every call. */
export async function connectStore(
  uri: string,
  options: Partial<StoreTimeouts> & { monitorCommands?: boolean } = {},
): Promise<typeof mongoose> {
  return mongoose.connect(uri, { maxPoolSize: STORE_POOL_SIZE, ...defaults, ...options });
}
