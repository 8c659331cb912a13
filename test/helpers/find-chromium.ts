// Where the browser tests find Chromium: INSCOPE_CHROMIUM, else `chromium` or `chromium-browser` on
// PATH (Debian and Ubuntu name the binary differently). Outside CI a machine without Chromium skips
// those tests and says so; in CI it fails them, so a missing browser can never pass as green.
import fs from 'node:fs';
import path from 'node:path';

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const configured = env.INSCOPE_CHROMIUM?.trim();
  // A configured path is taken as given: if it is wrong, the launch fails and says so.
  if (configured) return configured;
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of ['chromium', 'chromium-browser']) {
      const candidate = path.join(dir, name);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        return candidate;
      } catch {
        // not here; try the next
      }
    }
  }
  return null;
}

export interface ChromiumForTests {
  /** Skip the browser suite: only outside CI, when there is no Chromium. */
  readonly skip: boolean;
  /** The executable; throws in CI when there is none, so every browser test fails with the reason. */
  executablePath(): string;
}

export function chromiumForTests(what: string, env: NodeJS.ProcessEnv = process.env): ChromiumForTests {
  const found = findChromium(env);
  const why = 'no Chromium: set INSCOPE_CHROMIUM or put chromium (or chromium-browser) on PATH (apt-get install -y chromium)';
  const inCi = Boolean(env.CI) && env.CI !== 'false';
  if (!found && !inCi) console.warn(`Skipping ${what}: ${why}`);
  return {
    skip: !found && !inCi,
    executablePath() {
      if (!found) throw new Error(`${what} must run in CI, but there is ${why}`);
      return found;
    },
  };
}
