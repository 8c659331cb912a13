// Runs `node connectors/cli/inscope.js serve` as a real child process for tests that kill it: waits
// for its "listening on" line (PORT=0 picks a free port; the line carries the real one) and keeps
// its output for the failure message.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../../connectors/cli/inscope.js', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));

export interface ServiceProcess {
  readonly url: string;
  readonly pid: number;
  /** stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (or signal name) once the process is gone. */
  readonly exited: Promise<number | string>;
  kill(signal: NodeJS.Signals): Promise<number | string>;
}

export function spawnService(env: Readonly<Record<string, string>>, timeoutMs = 60_000): Promise<ServiceProcess> {
  // Only what the service needs: no inherited Zendesk credentials or config from the developer's shell.
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(ZENDESK_|INSCOPE_|DATABASE_URL$|PORT$|HOST$)/.test(key)));
  const child: ChildProcess = spawn(process.execPath, [cli, 'serve'], {
    cwd: root,
    env: { ...base, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ?? code ?? -1));
  });
  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => fail(new Error(`service did not start within ${timeoutMs} ms`)), timeoutMs);
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${error.message}\n--- output ---\n${output}`));
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (!match || settled) return;
      settled = true;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stdout?.on('data', (more: Buffer) => (output += more.toString()));
      resolve({
        url: match[1]!,
        pid: child.pid!,
        output: () => output,
        exited,
        kill(signal) {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return exited;
        },
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => fail(new Error(`service exited (${code}) before listening`)));
  });
}
