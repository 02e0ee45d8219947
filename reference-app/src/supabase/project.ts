/**
 * The Supabase project of the reference app as one value: its database (migrated, seeded), its keys
 * and its origin server, created together and closed together.
 */
import type { Server } from 'node:http';
import type { FaultSwitchboard } from '../faults.ts';
import { SupabaseDatabase } from './database.ts';
import { projectKeys, type ProjectKeys } from './keys.ts';
import { createSupabaseOrigin, loadSchemaCache } from './origin.ts';
import { seedSql, seedSupabase, type SeedUser } from './seed.ts';

/** A created (not yet listening) Supabase origin. */
export interface SupabaseProject {
  server: Server;
  keys: ProjectKeys;
  db: SupabaseDatabase;
  /** Starts listening; resolves to the Supabase URL. The token issuer follows it. */
  listen(port: number, host: string): Promise<string>;
  close(): Promise<void>;
}

/** What the project needs from the app's configuration. */
export interface ProjectOptions {
  jwtSecret: string;
  tokenTtlSeconds: number;
  syntheticUser: SeedUser;
  faults: FaultSwitchboard;
}

/** Listens on `port` (0 = free port) and resolves to `http://host:port`. */
export function listenOn(server: Server, port: number, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      resolve(`http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`);
    });
  });
}

/** Stops accepting, lets in-flight requests finish (2 s at most). */
export function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 2000).unref();
  });
}

/** Opens and seeds the database and builds the origin. */
export async function createSupabaseProject(options: ProjectOptions): Promise<SupabaseProject> {
  const [db, seed] = await Promise.all([SupabaseDatabase.open(), seedSql(options.syntheticUser)]);
  await seedSupabase(db, seed);
  const keys = projectKeys(options.jwtSecret);
  const schema = await loadSchemaCache(db);
  const ctx = { db, keys, tokenTtlSeconds: options.tokenTtlSeconds, issuer: '', faults: options.faults, schema };
  const server = createSupabaseOrigin(ctx);
  return {
    server,
    keys,
    db,
    listen: async (port, host) => {
      const url = await listenOn(server, port, host);
      ctx.issuer = `${url}/auth/v1`;
      return url;
    },
    close: async () => {
      await closeServer(server);
      await db.close();
    },
  };
}
