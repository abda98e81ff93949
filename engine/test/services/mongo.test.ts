import getPort from 'get-port';
import mongoose, { Schema } from 'mongoose';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config } from '../../src/config.js';
import { findOnPath } from '../../src/services/binaries.js';
import { ServiceStartError } from '../../src/services/errors.js';
import { startMongo } from '../../src/services/mongo.js';
import { findPostgres, startPostgres } from '../../src/services/postgres.js';
import { isPortOpen } from '../../src/services/wait.js';
import { isolatedMongoUri, shared } from '../helpers.js';
import { rebindablePort } from '../ports.js';

const quiet = () => {};

describe('MongoDB-compatible store resolution', () => {
  it('the shared store comes from the first step available here', () => {
    const expected = config().mongodbUri
      ? 'MONGODB_URI'
      : findOnPath('mongod')
        ? 'mongod'
        : findPostgres()
          ? 'FerretDB on PostgreSQL'
          : 'FerretDB on SQLite';
    expect(shared().mongoSource).toBe(expected);
  });

  it('uses MONGODB_URI when set, starting nothing', async () => {
    const port = await getPort();
    const service = await startMongo({
      uri: shared().mongoUri,
      port,
      storeDir: mkdtempSync(join(tmpdir(), 'waymark-mongo-')),
      database: 'x',
      durable: false,
      progress: quiet,
    });
    expect(service).toMatchObject({ source: 'MONGODB_URI', uri: shared().mongoUri });
    expect(await isPortOpen(port)).toBe(false);
  });

  it('refuses a taken port, naming the variable to change', async () => {
    const port = Number(new URL(shared().mongoUri).port);
    const error = await startMongo({
      port,
      storeDir: mkdtempSync(join(tmpdir(), 'waymark-mongo-')),
      database: 'x',
      durable: false,
      progress: quiet,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceStartError);
    expect((error as Error).message).toContain('MONGO_PORT');
  });

  it('keeps data on disk across restarts of the embedded store', async () => {
    const storeDir = mkdtempSync(join(tmpdir(), 'waymark-mongo-'));
    const options = { port: await rebindablePort(), storeDir, database: 'durable', durable: true, progress: quiet };
    const first = await startMongo(options);
    const connection = await mongoose.createConnection(first.uri).asPromise();
    await connection.collection('things').insertOne({ _id: 'kept' as never, n: 1 });
    await connection.close();
    await first.stop();

    const second = await startMongo(options);
    const again = await mongoose.createConnection(second.uri).asPromise();
    expect(await again.collection('things').findOne({ _id: 'kept' as never })).toMatchObject({ n: 1 });
    await again.close();
    await second.stop();
  });
});

describe('the embedded store on its backends', () => {
  it('runs FerretDB on SQLite when asked, and keeps an existing SQLite store rather than starting an empty one', async () => {
    const storeDir = mkdtempSync(join(tmpdir(), 'waymark-sqlite-'));
    const options = { port: await rebindablePort(), storeDir, database: 'lite', durable: false, progress: quiet };
    const first = await startMongo({ ...options, backend: 'sqlite' });
    expect(first.source).toBe('FerretDB on SQLite');
    const connection = await mongoose.createConnection(first.uri).asPromise();
    await connection.collection('things').insertOne({ _id: 'kept' as never });
    await connection.close();
    await first.stop();

    const messages: string[] = [];
    const second = await startMongo({ ...options, progress: (m) => messages.push(m) });
    expect(second.source).toBe('FerretDB on SQLite');
    if (findPostgres()) expect(messages.join('\n')).toContain('keeping the existing SQLite store');
    const again = await mongoose.createConnection(second.uri).asPromise();
    expect(await again.collection('things').findOne({ _id: 'kept' as never })).not.toBeNull();
    await again.close();
    await second.stop();
  });

  // On PostgreSQL, FerretDB's own indexes cannot serve its pushed-down filters: the GIN companions must (docs/store.md).
  it.runIf(shared().mongoSource === 'FerretDB on PostgreSQL')(
    'answers a keyed query of a new collection from an index on PostgreSQL',
    async () => {
      const connection = await mongoose.createConnection(isolatedMongoUri('gin')).asPromise();
      const things = connection.collection('things');
      await things.createIndex({ userId: 1, at: -1 });
      await things.insertMany(
        Array.from({ length: 2_000 }, (_, i) => ({ userId: `u${i % 400}`, at: new Date(), n: i })),
      );
      const explained = (await connection.db!.command({ explain: { find: 'things', filter: { userId: 'u7' } } })) as {
        queryPlanner: { Plan: { Plans?: { 'Node Type': string; 'Index Name'?: string }[] } };
      };
      expect(explained.queryPlanner.Plan.Plans?.[0]).toMatchObject({
        'Node Type': 'Bitmap Index Scan',
        'Index Name': expect.stringMatching(/^waymark_gin_/),
      });
      expect(await things.countDocuments({ userId: 'u7' })).toBe(5);
      await connection.close();
    },
  );
  // GIN's pending list (fastupdate) is read through by every lookup until a vacuum: keyed lookups grew with
  // every insert. The companions are made without it, and those of an earlier version lose it (docs/store.md).
  it.runIf(findPostgres() !== undefined)(
    "makes the GIN companions without GIN's pending list, and turns it off in an existing store",
    async () => {
      const bin = findPostgres()!;
      const options = { dir: mkdtempSync(join(tmpdir(), 'waymark-pg-gin-')), durable: false, progress: quiet };
      const start = () => startPostgres(bin, { ...options, logFile: join(options.dir, 'postgres.log') });
      const psql = async (url: string, sql: string) => {
        const host = new URLSearchParams(url.split('?')[1]).get('host')!;
        const args = ['-h', host, '-U', 'postgres', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', sql];
        return (await promisify(execFile)(join(bin, 'psql'), args)).stdout.trim();
      };
      const fastupdate = (url: string) =>
        psql(
          url,
          "SELECT relname || ' ' || coalesce(array_to_string(reloptions, ','), '-') FROM pg_class " +
            "WHERE relname LIKE 'waymark_gin_%' ORDER BY relname = 'waymark_gin_earlier', relname",
        );

      const first = await start();
      await psql(first.url, "CREATE TABLE things (_jsonb jsonb); CREATE INDEX ON things ((_jsonb -> 'userId'));");
      // As the previous version made its companions: with the pending list, and entries waiting in it.
      await psql(
        first.url,
        "CREATE INDEX waymark_gin_earlier ON things USING gin ((_jsonb -> 'at') jsonb_path_ops);" +
          "INSERT INTO things SELECT jsonb_build_object('at', n) FROM generate_series(1, 100) n;",
      );
      const pending = (url: string) => psql(url, "SELECT pending_tuples FROM pgstatginindex('waymark_gin_earlier')");
      await psql(first.url, 'CREATE EXTENSION pgstattuple');
      expect((await fastupdate(first.url)).split('\n')).toEqual([
        expect.stringMatching(/^waymark_gin_[0-9a-f]{32} fastupdate=off$/),
        'waymark_gin_earlier -',
      ]);
      expect(await pending(first.url)).toBe('100');
      await first.stop();

      const again = await start();
      expect((await fastupdate(again.url)).split('\n')).toEqual([
        expect.stringMatching(/^waymark_gin_[0-9a-f]{32} fastupdate=off$/),
        'waymark_gin_earlier fastupdate=off',
      ]);
      expect(await pending(again.url)).toBe('0'); // what waited in the list is in the index proper
      await again.stop();
    },
  );
});

describe('Mongoose against the shared store', () => {
  const Counter = new Schema({
    userId: { type: String, required: true },
    channel: String,
    count: { type: Number, default: 0 },
    at: Date,
  });
  Counter.index({ userId: 1, channel: 1 }, { unique: true });
  let connection: mongoose.Connection;
  let Model: ReturnType<typeof counterModel>;
  const counterModel = (on: mongoose.Connection) => on.model('Counter', Counter);

  beforeAll(async () => {
    connection = await mongoose.createConnection(isolatedMongoUri('mongoose')).asPromise();
    Model = counterModel(connection);
    await Model.createIndexes();
  });
  afterAll(async () => connection.close());

  it('creates the declared indexes, including the unique one', async () => {
    const indexes = await Model.listIndexes();
    expect(indexes).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: { userId: 1, channel: 1 }, unique: true })]),
    );
    await Model.create({ userId: 'u1', channel: 'email' });
    await expect(Model.create({ userId: 'u1', channel: 'email' })).rejects.toMatchObject({ code: 11000 });
  });

  it('does CRUD', async () => {
    const doc = await Model.create({ userId: 'crud', channel: 'sms', count: 2 });
    expect((await Model.findById(doc._id).lean())?.count).toBe(2);
    await Model.updateOne({ _id: doc._id }, { $set: { count: 5 } });
    expect((await Model.findOne({ userId: 'crud' }).lean())?.count).toBe(5);
    await Model.deleteOne({ _id: doc._id });
    expect(await Model.findById(doc._id)).toBeNull();
  });

  it('upserts, then increments', async () => {
    const bump = () =>
      Model.findOneAndUpdate(
        { userId: 'inc', channel: 'push' },
        { $inc: { count: 1 } },
        { upsert: true, returnDocument: 'after' },
      ).lean();
    expect((await bump())?.count).toBe(1);
    for (let i = 0; i < 4; i++) await bump();
    expect((await Model.findOne({ userId: 'inc', channel: 'push' }).lean())?.count).toBe(5);
  });

  // FerretDB 1.x on SQLite applies concurrent $inc on one document as read-modify-write and loses
  // updates (10 concurrent increments left +1 to +5), so anything that must be exact under
  // concurrency (outbox keys, frequency caps) is built on unique-index inserts, which are atomic.
  it('lets exactly one of many concurrent inserts of a unique key win', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => Model.create({ userId: 'race', channel: 'email' })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(
      results.filter((r) => r.status === 'rejected').every((r) => (r.reason as { code?: number }).code === 11000),
    ).toBe(true);
    expect(await Model.countDocuments({ userId: 'race' })).toBe(1);
  });

  it('aggregates with $match, $group and $sort', async () => {
    await Model.insertMany([
      { userId: 'agg1', channel: 'email', count: 3 },
      { userId: 'agg2', channel: 'email', count: 4 },
      { userId: 'agg3', channel: 'whatsapp', count: 1 },
    ]);
    const rows = await Model.aggregate<{ _id: string; total: number }>([
      { $match: { userId: { $regex: '^agg' } } },
      { $group: { _id: '$channel', total: { $sum: '$count' } } },
      { $sort: { total: -1 } },
    ]);
    expect(rows).toEqual([
      { _id: 'email', total: 7 },
      { _id: 'whatsapp', total: 1 },
    ]);
  });
});
