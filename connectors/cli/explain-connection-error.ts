// A database or service the user pointed InScope at that does not answer (a wrong DATABASE_URL, a
// server that is down) or refuses (a wrong password, a missing database), as one line without the
// URL, which may hold a password, and without a stack trace.

const NETWORK: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'the host name could not be resolved',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'timed out',
  ECONNRESET: 'the connection was reset',
};

/** PostgreSQL's SQLSTATEs for a connection it refuses: the user's setting, not a bug. */
const REFUSED_BY_SERVER = new Set(['28P01', '28000', '3D000', '3F000', '42501', '53300', '57P03']);

export function explainConnectionError(error: unknown): string | undefined {
  const e = error as (NodeJS.ErrnoException & { address?: string; port?: number; hostname?: string; severity?: string }) | null;
  if (e === null || typeof e !== 'object' || typeof e.code !== 'string') return undefined;
  const reason = NETWORK[e.code];
  if (reason !== undefined && (e.syscall === 'connect' || e.syscall === 'getaddrinfo')) {
    const where = e.address ? `${e.address}${e.port ? `:${e.port}` : ''}` : (e.hostname ?? 'the server');
    return `cannot connect to ${where}: ${reason}. Check DATABASE_URL (or the service's address) and that the server runs.`;
  }
  if (typeof e.severity === 'string' && REFUSED_BY_SERVER.has(e.code)) return `the database refused the connection: ${e.message}. Check DATABASE_URL.`;
  return undefined;
}
