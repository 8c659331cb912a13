// The real `inscope` binary run as an administrator would, without blocking the test's event loop
// (a service in the same process may have to answer meanwhile).
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'connectors/cli/inscope.js');

export interface InscopeRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `inscope ...args` from the project root with `env` over the test's own environment. */
export function runInscope(args: readonly string[], env: Readonly<Record<string, string>>): Promise<InscopeRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
