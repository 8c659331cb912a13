import { describe, expect, it } from 'vitest';
import { isNetworkError, isRateLimitError, isServerError } from '../../../connectors/shared/helpdesk-error.js';
import { createHarness, fixture, useNock } from './zendesk-test-client.js';

useNock();

const TICKET = '/api/v2/tickets/4101.json';

describe('retries in the Zendesk client', () => {
  it('waits what Retry-After says after a 429, scaled by delayScale, then succeeds', async () => {
    const h = createHarness({ delayScale: 0.001 });
    h.api.get(TICKET).reply(429, { error: 'TooManyRequests' }, { 'Retry-After': '42' });
    h.api.get(TICKET).reply(200, fixture('ticket-with-sideloads'));

    await h.client.getTicket(4101);

    expect(h.sleeps).toEqual([42]);
    expect(h.calls.map((c) => [c.status, c.attempt])).toEqual([
      [429, 1],
      [200, 2],
    ]);
  });

  it('falls back to ratelimit-reset when a 429 has no Retry-After', async () => {
    const h = createHarness();
    h.api.get(TICKET).reply(429, '', { 'ratelimit-reset': '7' });
    h.api.get(TICKET).reply(200, fixture('ticket-with-sideloads'));
    await h.client.getTicket(4101);
    expect(h.sleeps).toEqual([7000]);
  });

  it('repeats a comment-adding PUT after a 429, which Zendesk rejected before doing any work', async () => {
    const h = createHarness();
    h.api.put(TICKET).reply(429, '', { 'Retry-After': '1' });
    h.api.put(TICKET).reply(200, fixture('ticket-update-response'));
    await h.client.updateTicket(4101, { comment: { body: 'Voorstel bijgevoegd.', public: false } });
    expect(h.calls.map((c) => c.status)).toEqual([429, 200]);
  });

  it('gives the rate-limit error to the caller when Retry-After is longer than it will sleep', async () => {
    const h = createHarness({ retry: { maxRetryAfterMs: 60_000 } });
    h.api.get(TICKET).reply(429, '', { 'Retry-After': '600' });
    const error = await h.client.getTicket(4101).catch((e: unknown) => e);
    expect(isRateLimitError(error)).toBe(true);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 600_000 });
    expect(h.sleeps).toEqual([]);
  });

  it('retries a GET after a 503 with jittered exponential backoff', async () => {
    const h = createHarness({ retry: { baseDelayMs: 1000 } });
    h.api.get(TICKET).reply(503, 'Service Unavailable');
    h.api.get(TICKET).reply(502, 'Bad Gateway');
    h.api.get(TICKET).reply(200, fixture('ticket-with-sideloads'));
    await h.client.getTicket(4101);
    // random() = 0.5: half of 1000, then half of 2000.
    expect(h.sleeps).toEqual([500, 1000]);
  });

  it('retries a GET after a network error', async () => {
    const h = createHarness();
    h.api.get(TICKET).replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    h.api.get(TICKET).reply(200, fixture('ticket-with-sideloads'));
    await expect(h.client.getTicket(4101)).resolves.toMatchObject({ ticket: { id: 4101 } });
    expect(h.calls[0]).toMatchObject({ attempt: 1, errorKind: 'network' });
    expect(h.calls[0]?.status).toBeUndefined();
  });

  it('does not repeat an upload after a reset connection: it may have arrived', async () => {
    const h = createHarness();
    h.api.post('/api/v2/uploads.json').query(true).replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    const error = await h.client.uploadFile('a.pdf', new Uint8Array([1]), 'application/pdf').catch((e: unknown) => e);
    expect(isNetworkError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'ECONNRESET' });
    expect(h.calls).toHaveLength(1);
  });

  it('repeats an upload whose connection was refused: it never reached Zendesk', async () => {
    const h = createHarness();
    h.api.post('/api/v2/uploads.json').query(true).replyWithError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' });
    h.api.post('/api/v2/uploads.json').query(true).reply(201, fixture('upload-response'));
    await expect(h.client.uploadFile('a.pdf', new Uint8Array([1]), 'application/pdf')).resolves.toMatchObject({
      token: '6bk3gql82em5nmf',
    });
    expect(h.calls).toHaveLength(2);
  });

  it('stops after maxAttempts with a typed error that says how many attempts were made', async () => {
    const h = createHarness({ retry: { maxAttempts: 3 } });
    h.api.get(TICKET).times(3).reply(503, 'Service Unavailable');
    const error = await h.client.getTicket(4101).catch((e: unknown) => e);
    expect(isServerError(error)).toBe(true);
    expect(error).toMatchObject({ status: 503, attempts: 3 });
    expect(h.calls.map((c) => c.attempt)).toEqual([1, 2, 3]);
    expect(h.sleeps).toHaveLength(2);
  });

  it('does not retry a 500 on a GET', async () => {
    const h = createHarness();
    h.api.get(TICKET).reply(500, { error: 'InternalError' });
    await expect(h.client.getTicket(4101)).rejects.toSatisfy(isServerError);
    expect(h.calls).toHaveLength(1);
  });

  it('reports each attempt to onCall with method, path without query, status and duration', async () => {
    const h = createHarness();
    h.api.get(TICKET).query(true).reply(200, fixture('ticket-with-sideloads'));
    await h.client.getTicket(4101, { include: ['users'] });
    expect(h.calls).toEqual([{ method: 'GET', path: TICKET, status: 200, durationMs: 0, attempt: 1 }]);
  });
});

describe('responses the client cannot use', () => {
  it('treats a 200 without JSON as a server error', async () => {
    const h = createHarness();
    h.api.get(TICKET).reply(200, '<html>maintenance</html>', { 'Content-Type': 'text/html' });
    await expect(h.client.getTicket(4101)).rejects.toMatchObject({ kind: 'server', status: 200 });
  });

  it('turns a timeout into a network error that a POST does not repeat', async () => {
    const h = createHarness({ timeoutMs: 20 });
    h.api.post('/api/v2/uploads.json').query(true).delay(500).reply(201, fixture('upload-response'));
    const error = await h.client.uploadFile('a.pdf', new Uint8Array([1]), 'application/pdf').catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'network', code: 'ETIMEDOUT' });
    expect(h.calls).toHaveLength(1);
  });
});

describe('an answer that breaks off', () => {
  it('is a network error that a comment-adding PUT does not repeat, since Zendesk got the request', async () => {
    let requests = 0;
    const brokenBody: typeof fetch = async () => {
      requests += 1;
      const stream = new ReadableStream({
        start: (controller) => controller.error(Object.assign(new Error('terminated'), { code: 'ECONNRESET' })),
      });
      return new Response(stream, { status: 200 });
    };
    const h = createHarness({ fetch: brokenBody });
    const error = await h.client
      .updateTicket(4101, { comment: { body: 'Voorstel bijgevoegd.', public: false } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'network', code: 'ECONNRESET' });
    expect(requests).toBe(1);
    expect(h.calls).toEqual([{ method: 'PUT', path: TICKET, status: 200, durationMs: 0, attempt: 1, errorKind: 'network' }]);
  });
});
