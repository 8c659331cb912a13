// Test harness for `inscope zendesk …`: runs the command in-process (so nock sees its requests) with
// an environment for the nock'ed account veldhuis.zendesk.com, a temp SQLite store, captured stdout
// and a client that records its calls and never really sleeps.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import { parse, stringify } from 'yaml';
import { zendeskCommand } from '../../../connectors/cli/commands/zendesk.js';
import { CliError } from '../../../connectors/cli/cli-error.js';
import { projectRoot } from '../../../connectors/cli/load-cli-config.js';
import { createSqliteStore } from '../../../connectors/store/create-sqlite-store.js';
import type { Store } from '../../../connectors/store/store.js';
import type { CallRecord } from '../../../connectors/zendesk/client/index.js';

export const ORIGIN = 'https://veldhuis.zendesk.com';
export const PUBLIC_URL = 'https://inscope.veldhuis-software.nl';
export const EXAMPLE_CONFIG = path.join(projectRoot, 'examples', 'coverage.yaml');
/** The secret in test/fixtures/zendesk/api/webhook-signing-secret.json. */
export const FIXTURE_SECRET = 'fixture-signing-secret-not-a-real-one';
export const NOW = Date.parse('2026-11-27T12:00:00Z');

export function apiFixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(projectRoot, 'test', 'fixtures', 'zendesk', 'api', `${name}.json`), 'utf8')) as T;
}

export function setupFixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(fs.readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as T;
}

export interface RunResult {
  readonly code: number | 'error';
  readonly stdout: string;
  readonly error?: CliError;
  readonly calls: readonly CallRecord[];
  readonly sleeps: readonly number[];
}

export interface CliHarness {
  readonly dir: () => string;
  readonly databaseFile: () => string;
  /** The example config without `helpdesks.zendesk`, as a fresh install has it. */
  readonly configWithoutZendesk: () => string;
  run(argv: string[], env?: Record<string, string | undefined>): Promise<RunResult>;
  openStore(): Store;
}

/** Call at the top of a test file. */
export function useZendeskCli(): CliHarness {
  let dir: string | null = null;
  const stores: Store[] = [];
  beforeAll(() => nock.disableNetConnect());
  afterEach(async () => {
    nock.cleanAll();
    vi.restoreAllMocks();
    await Promise.all(stores.splice(0).map((s) => s.close()));
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = null;
  });
  afterAll(() => nock.enableNetConnect());

  const tempDir = () => (dir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-zendesk-cli-')));
  const databaseFile = () => path.join(tempDir(), 'data', 'inscope.db');

  return {
    dir: tempDir,
    databaseFile,
    configWithoutZendesk() {
      const doc = parse(fs.readFileSync(EXAMPLE_CONFIG, 'utf8')) as { helpdesks: Record<string, unknown> };
      delete doc.helpdesks.zendesk;
      const file = path.join(tempDir(), 'coverage.yaml');
      fs.writeFileSync(file, stringify(doc));
      return file;
    },
    async run(argv, env = {}) {
      let stdout = '';
      vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
        stdout += String(chunk);
        return true;
      });
      const calls: CallRecord[] = [];
      const sleeps: number[] = [];
      let clock = NOW;
      try {
        const code = await zendeskCommand(argv, {
          env: {
            ZENDESK_SUBDOMAIN: 'veldhuis',
            ZENDESK_EMAIL: 'inscope-bot@veldhuis-software.nl',
            ZENDESK_API_TOKEN: 'fake-api-token-0123456789abcdef',
            INSCOPE_PUBLIC_URL: PUBLIC_URL,
            INSCOPE_CONFIG: EXAMPLE_CONFIG,
            DATABASE_URL: databaseFile(),
            ...env,
          },
          now: () => NOW,
          client: {
            now: () => clock,
            pacingClock: () => clock,
            sleep: async (ms) => {
              sleeps.push(ms);
              clock += ms;
            },
            random: () => 0.5,
            onCall: (call) => calls.push(call),
          },
        });
        // SHOW_CLI_OUTPUT=1 npx vitest … shows what an operator would see.
        if (process.env.SHOW_CLI_OUTPUT) process.stderr.write(`\n$ inscope zendesk ${argv.join(' ')}\n${stdout}`);
        return { code, stdout, calls, sleeps };
      } catch (error) {
        if (error instanceof CliError) return { code: 'error', stdout, error, calls, sleeps };
        throw error;
      } finally {
        vi.mocked(process.stdout.write).mockRestore();
      }
    },
    openStore() {
      const store = createSqliteStore({ file: databaseFile() });
      stores.push(store);
      return store;
    },
  };
}

/** A nock body matcher that keeps what was sent. */
export function captureBodies(): { bodies: unknown[]; match: (body: unknown) => boolean } {
  const bodies: unknown[] = [];
  return {
    bodies,
    match: (body) => {
      bodies.push(body);
      return true;
    },
  };
}

export const listQuery = { 'page[size]': '100' };
