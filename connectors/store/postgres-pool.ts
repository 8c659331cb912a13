// The node-postgres pool behind the PostgreSQL store: BIGINT columns (ids, epoch-ms times, counts)
// come back as numbers, every connection uses the store's schema, and a dropped idle connection
// (a PostgreSQL restart) is logged instead of crashing the process.
import pg from 'pg';

export interface PostgresPoolOptions {
  readonly connectionString: string;
  /** Schema for the store's tables (search_path); created by migrate. Default: the server's search_path. */
  readonly schema?: string;
  /** How long a statement waits for a row or table lock before failing (PostgreSQL lock_timeout). */
  readonly lockTimeoutMs?: number;
  readonly maxConnections?: number;
  /** Shown in pg_stat_activity. Default 'inscope'. */
  readonly applicationName?: string;
  readonly onError?: (error: Error) => void;
}

const INT8_OID = 20;

// Epoch ms and identity ids stay far below 2^53, so Number is exact; a per-pool parser leaves the
// process-wide pg.types alone for any other user of pg.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** Double-quoted identifier; only plain lower-case names are accepted so that no quoting surprises anyone. */
export function quoteSchema(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new TypeError(`invalid PostgreSQL schema name ${JSON.stringify(schema)}: use lower-case letters, digits and _`);
  }
  return `"${schema}"`;
}

// Every client listens for 'error' from birth to end. The pool only listens while a client is idle,
// and a checked-out client has a gap the caller cannot close: a server restart (57P01, "terminating
// connection due to administrator command") can arrive between queries with no listener attached,
// and an unhandled 'error' event ends the process (brianc/node-postgres#2762, seen here in the fault
// suite's PostgreSQL restart). The error is not lost: the client is no longer queryable, so its next
// query rejects, the caller releases it as broken, and an idle client's error still reaches the pool.
class GuardedClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    this.on('error', () => {});
  }
}

export function createPostgresPool(options: PostgresPoolOptions): pg.Pool {
  const settings: string[] = [];
  if (options.schema !== undefined) settings.push(`-c search_path=${quoteSchema(options.schema)}`);
  if (options.lockTimeoutMs !== undefined) settings.push(`-c lock_timeout=${Math.max(1, Math.trunc(options.lockTimeoutMs))}`);
  const pool = new pg.Pool({
    Client: GuardedClient,
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    application_name: options.applicationName ?? 'inscope',
    types,
    ...(settings.length > 0 ? { options: settings.join(' ') } : {}),
  });
  // Without a listener an idle client's error (server restart, network cut) is an uncaught 'error'
  // event; the pool has already discarded that client and the next query opens a new one.
  pool.on('error', (error) => { (options.onError ?? (() => {}))(error); });
  return pool;
}
