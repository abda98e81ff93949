import { Client, Connection } from '@temporalio/client';

export interface TemporalClient {
  client: Client;
  close(): Promise<void>;
}

export async function connectTemporal(address: string, namespace = 'default'): Promise<TemporalClient> {
  const connection = await Connection.connect({ address });
  return { client: new Client({ connection, namespace }), close: () => connection.close() };
}
