// A throwaway PostgreSQL server for the fault suite: initdb into a temp directory, listen on a free
// loopback port, and let the suite restart it mid-run. A private cluster, not the shared one on
// :5432, so the restart never breaks other test runs on this machine. fsync is off: only an OS crash
// would need it, and the suite restarts the server cleanly (`pg_ctl restart -m fast`).
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface PostgresCluster {
  readonly url: string;
  /** Fast shutdown (open connections are cut) and start again; resolves once it accepts connections. */
  restart(): Promise<{ readonly downMs: number }>;
  stop(): void;
}

/** The directory of initdb and pg_ctl, or null when PostgreSQL's server binaries are not installed. */
export function findPostgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const bin = path.join(root, version, 'bin');
    if (fs.existsSync(path.join(bin, 'initdb')) && fs.existsSync(path.join(bin, 'pg_ctl'))) return bin;
  }
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

export async function startPostgresCluster(bin: string): Promise<PostgresCluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-faults-pg-'));
  const data = path.join(dir, 'data');
  const port = await freePort();
  // PostgreSQL refuses to run as root: run its binaries as the postgres user then.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  const run = (tool: string, args: string[]) => {
    const command = asRoot ? 'runuser' : path.join(bin, tool);
    const argv = asRoot ? ['-u', 'postgres', '--', path.join(bin, tool), ...args] : args;
    const result = spawnSync(command, argv, { encoding: 'utf8', timeout: 120_000 });
    if (result.status !== 0) throw new Error(`${tool} failed (${result.status}): ${result.stderr || result.stdout}`);
  };
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const serverOptions = `-c port=${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off -c full_page_writes=off -c max_connections=200`;
  const pgCtl = (...args: string[]) => run('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', ...args]);
  pgCtl('-o', serverOptions, 'start');
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    // Asynchronous, so the helpdesk double in this process keeps answering meanwhile.
    restart() {
      const started = Date.now();
      const args = ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', '-m', 'fast', '-o', serverOptions, 'restart'];
      const [command, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bin, 'pg_ctl'), ...args]] : [path.join(bin, 'pg_ctl'), args];
      return new Promise((resolve, reject) => {
        execFile(command, argv, { timeout: 120_000 }, (error, _stdout, stderr) => {
          if (error) reject(new Error(`pg_ctl restart failed: ${stderr}`));
          else resolve({ downMs: Date.now() - started });
        });
      });
    },
    stop() {
      try {
        pgCtl('-m', 'immediate', 'stop');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
