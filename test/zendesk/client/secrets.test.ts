import { describe, expect, it } from 'vitest';
import { createZendeskClient } from '../../../connectors/zendesk/client/index.js';
import { API_TOKEN, BASIC, createHarness, useNock } from './zendesk-test-client.js';

useNock();

const credential = BASIC.slice('Basic '.length);

function leaks(value: unknown): boolean {
  const seen = JSON.stringify(value, Object.getOwnPropertyNames(value as object)) + String(value);
  return seen.includes(API_TOKEN) || seen.includes(credential);
}

describe('secrets stay out of errors and call records', () => {
  it('redacts credentials that an error body echoes back', async () => {
    const h = createHarness();
    h.api.get('/api/v2/tickets/4101.json').reply(401, { error: `Invalid token ${API_TOKEN}`, description: `Basic ${credential}` });
    const error = await h.client.getTicket(4101).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'auth', status: 401 });
    expect((error as Error).message).toContain('[redacted]');
    expect(leaks(error)).toBe(false);
  });

  it('keeps the token out of network errors and onCall records', async () => {
    const h = createHarness();
    h.api.get('/api/v2/tickets/4101.json').times(4).replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    const error = await h.client.getTicket(4101).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'network', attempts: 4 });
    expect(leaks(error)).toBe(false);
    expect(leaks(h.calls)).toBe(false);
  });

  it('refuses empty credentials and a subdomain that is a URL, without echoing them', () => {
    expect(() => createZendeskClient({ subdomain: 'veldhuis', auth: { email: 'a@b.nl', apiToken: '' } })).toThrow(
      expect.objectContaining({ kind: 'config' }),
    );
    expect(() =>
      createZendeskClient({ subdomain: 'evil.example/x', auth: { email: 'a@b.nl', apiToken: API_TOKEN } }),
    ).toThrow(expect.objectContaining({ kind: 'config', message: expect.not.stringContaining(API_TOKEN) }));
  });
});
