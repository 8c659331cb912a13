// Test harness for the Zendesk client: a client pointed at a nock'ed account with an instant,
// recording sleep, a fixed random, a manual clock and a recorded onCall hook.
import { readFileSync } from 'node:fs';
import nock from 'nock';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createZendeskClient } from '../../../connectors/zendesk/client/index.js';
import type { CallRecord, ZendeskClient, ZendeskClientOptions } from '../../../connectors/zendesk/client/index.js';

export const ORIGIN = 'https://veldhuis.zendesk.com';
export const EMAIL = 'inscope-bot@veldhuis-software.nl';
export const API_TOKEN = 'fake-api-token-0123456789abcdef';
export const BASIC = `Basic ${Buffer.from(`${EMAIL}/token:${API_TOKEN}`).toString('base64')}`;

export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../fixtures/zendesk/api/${name}.json`, import.meta.url), 'utf8')) as T;
}

export interface Harness {
  readonly client: ZendeskClient;
  readonly sleeps: number[];
  readonly calls: CallRecord[];
  readonly clock: { now: number };
  readonly api: nock.Scope;
}

export function createHarness(overrides: Partial<ZendeskClientOptions> = {}): Harness {
  const sleeps: number[] = [];
  const calls: CallRecord[] = [];
  const clock = { now: Date.parse('2026-10-05T09:00:00Z') };
  const client = createZendeskClient({
    subdomain: 'veldhuis',
    auth: { email: EMAIL, apiToken: API_TOKEN },
    now: () => clock.now,
    pacingClock: () => clock.now,
    // Instant sleep that moves the manual clock, so pacing and TTLs see the time pass.
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.now += ms;
    },
    random: () => 0.5,
    onCall: (call) => calls.push(call),
    ...overrides,
  });
  return { client, sleeps, calls, clock, api: nock(ORIGIN) };
}

/** Call at the top of a test file: no real network, and every test starts with no interceptors. */
export function useNock(): void {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());
}
