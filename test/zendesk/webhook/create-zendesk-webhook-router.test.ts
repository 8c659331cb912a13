import express from 'express';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AcceptOutcome, WebhookRejectReason, ZendeskWebhookRouterOptions } from '../../../connectors/zendesk/webhook/create-zendesk-webhook-router.js';
import { createZendeskWebhookRouter } from '../../../connectors/zendesk/webhook/create-zendesk-webhook-router.js';
import { signZendeskDelivery } from '../../../connectors/zendesk/webhook/verify-zendesk-signature.js';
import type { ZendeskDelivery } from '../../../connectors/zendesk/webhook/zendesk-delivery.js';
import type { RunningServer } from '../../http/listen-on-loopback.js';
import { listenOnLoopback } from '../../http/listen-on-loopback.js';
import { loadWebhookFixture } from './load-webhook-fixture.js';

const CURRENT = 'whsec-router-current';
const PREVIOUS = 'whsec-router-previous';
const NOW = Date.parse('2026-11-02T09:00:00Z');
const TIMESTAMP = '2026-11-02T08:59:30Z';
const { raw: createdBody } = loadWebhookFixture('event-ticket-created.json');

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Harness {
  readonly url: string;
  readonly accept: ReturnType<typeof vi.fn<(d: ZendeskDelivery, raw: Buffer) => Promise<AcceptOutcome>>>;
  readonly rejected: WebhookRejectReason[];
}

async function start(overrides: Partial<ZendeskWebhookRouterOptions> = {}): Promise<Harness> {
  const accept = vi.fn<(d: ZendeskDelivery, raw: Buffer) => Promise<AcceptOutcome>>(async () => ({ status: 'accepted' }));
  const rejected: WebhookRejectReason[] = [];
  const app = express();
  app.use(
    createZendeskWebhookRouter({
      secrets: () => [CURRENT],
      now: () => NOW,
      accept,
      onRejected: (reason) => rejected.push(reason),
      ...overrides,
    }),
  );
  server = await listenOnLoopback(app);
  return { url: `${server.baseUrl}/webhooks/zendesk`, accept: (overrides.accept as Harness['accept'] | undefined) ?? accept, rejected };
}

function signedHeaders(body: Buffer | string, options: { secret?: string; timestamp?: string } = {}): Record<string, string> {
  const timestamp = options.timestamp ?? TIMESTAMP;
  return {
    'content-type': 'application/json',
    'x-zendesk-account-id': '21234567',
    'x-zendesk-webhook-id': '01F1KRFQ6BG29CNWFR60NK5FNY',
    'x-zendesk-webhook-invocation-id': '8350205582',
    'x-zendesk-webhook-signature-timestamp': timestamp,
    'x-zendesk-webhook-signature': signZendeskDelivery(options.secret ?? CURRENT, timestamp, body),
  };
}

async function post(url: string, body: Buffer | string, headers: Record<string, string>): Promise<{ status: number; json: unknown; headers: Headers }> {
  const response = await fetch(url, { method: 'POST', body: typeof body === 'string' ? body : new Uint8Array(body), headers });
  const text = await response.text();
  return { status: response.status, json: text === '' ? undefined : (JSON.parse(text) as unknown), headers: response.headers };
}

describe('createZendeskWebhookRouter', () => {
  it('accepts a signed event delivery and hands the parsed delivery and raw bytes to accept once', async () => {
    const { url, accept } = await start();
    const response = await post(url, createdBody, signedHeaders(createdBody));
    expect(response).toMatchObject({ status: 202, json: { status: 'accepted' } });
    expect(accept).toHaveBeenCalledTimes(1);
    const [delivery, raw] = accept.mock.calls[0]!;
    expect(delivery).toMatchObject({ kind: 'event', eventType: 'ticket.created', ticketId: '48213', deliveryId: '8350205582', accountId: '21234567' });
    expect(raw.equals(createdBody)).toBe(true);
  });

  it('answers a duplicate with 200 so Zendesk stops retrying', async () => {
    const { url } = await start({ accept: async () => ({ status: 'duplicate' }) });
    const response = await post(url, createdBody, signedHeaders(createdBody));
    expect(response).toMatchObject({ status: 200, json: { status: 'duplicate' } });
  });

  it('accepts a delivery signed with the previous secret during a rotation', async () => {
    const { url, accept } = await start({ secrets: () => [CURRENT, PREVIOUS] });
    const response = await post(url, createdBody, signedHeaders(createdBody, { secret: PREVIOUS }));
    expect(response.status).toBe(202);
    expect(accept).toHaveBeenCalledTimes(1);
  });

  it('accepts a content type with a charset parameter', async () => {
    const { url } = await start();
    const response = await post(url, createdBody, { ...signedHeaders(createdBody), 'content-type': 'application/json; charset=utf-8' });
    expect(response.status).toBe(202);
  });

  it('accepts a signed trigger delivery', async () => {
    const { raw } = loadWebhookFixture('trigger-ticket-updated.json');
    const { url, accept } = await start();
    const response = await post(url, raw, signedHeaders(raw));
    expect(response.status).toBe(202);
    expect(accept.mock.calls[0]![0]).toMatchObject({ kind: 'trigger', eventType: 'ticket.updated', ticketId: '48620' });
  });

  it('acknowledges an event type it does not act on without calling accept', async () => {
    const { raw } = loadWebhookFixture('event-user-created.json');
    const { url, accept } = await start();
    const response = await post(url, raw, signedHeaders(raw));
    expect(response).toMatchObject({ status: 200, json: { status: 'ignored', eventType: 'user.created' } });
    expect(accept).not.toHaveBeenCalled();
  });

  it.each([
    ['text/plain', 'text/plain'],
    ['form encoding', 'application/x-www-form-urlencoded'],
    ['a JSON look-alike', 'application/jsonp'],
  ])('refuses %s with 415', async (_name, contentType) => {
    const { url, accept, rejected } = await start();
    const response = await post(url, createdBody, { ...signedHeaders(createdBody), 'content-type': contentType });
    expect(response).toMatchObject({ status: 415, json: { error: { code: 'content_type' } } });
    expect(accept).not.toHaveBeenCalled();
    expect(rejected).toEqual(['content_type']);
  });

  it.each(['x-zendesk-webhook-signature', 'x-zendesk-webhook-signature-timestamp', 'x-zendesk-webhook-invocation-id'])(
    'refuses a delivery without %s with 400 naming the header',
    async (header) => {
      const { url, accept } = await start();
      const headers = signedHeaders(createdBody);
      delete headers[header];
      const response = await post(url, createdBody, headers);
      expect(response.status).toBe(400);
      expect(response.json).toMatchObject({ error: { code: 'missing_headers', details: { missing: [header] } } });
      expect(JSON.stringify(response.json)).toContain(header);
      expect(accept).not.toHaveBeenCalled();
    },
  );

  it('refuses a delivery signed with another secret with 401', async () => {
    const { url, accept } = await start();
    const response = await post(url, createdBody, signedHeaders(createdBody, { secret: 'not-ours' }));
    expect(response).toMatchObject({ status: 401, json: { error: { code: 'signature' } } });
    expect(accept).not.toHaveBeenCalled();
  });

  it('gives a malformed signature the same answer as a wrong one', async () => {
    const { url } = await start();
    const wrong = await post(url, createdBody, signedHeaders(createdBody, { secret: 'not-ours' }));
    const malformed = await post(url, createdBody, { ...signedHeaders(createdBody), 'x-zendesk-webhook-signature': 'zz' });
    expect(malformed.status).toBe(401);
    expect(malformed.json).toEqual(wrong.json);
  });

  it('refuses a body altered after signing with 401', async () => {
    const { url, accept } = await start();
    const tampered = Buffer.from(createdBody.toString('utf8').replace('"9001"', '"9002"'));
    const response = await post(url, tampered, signedHeaders(createdBody));
    expect(response.status).toBe(401);
    expect(accept).not.toHaveBeenCalled();
  });

  it('refuses a correctly signed but stale delivery with 401 "stale"', async () => {
    const { url, accept } = await start();
    const response = await post(url, createdBody, signedHeaders(createdBody, { timestamp: '2026-11-02T08:50:00Z' }));
    expect(response).toMatchObject({ status: 401, json: { error: { code: 'stale' } } });
    expect(accept).not.toHaveBeenCalled();
  });

  it('refuses a body over the limit with 413', async () => {
    const { url, accept } = await start({ maxBodyBytes: 1024 });
    const big = Buffer.from(JSON.stringify({ inscope: 1, padding: 'x'.repeat(4096) }));
    const response = await post(url, big, signedHeaders(big));
    expect(response).toMatchObject({ status: 413, json: { error: { code: 'too_large' } } });
    expect(accept).not.toHaveBeenCalled();
  });

  it('refuses an oversize body sent without a Content-Length (chunked) with 413', async () => {
    const { url, accept } = await start({ maxBodyBytes: 1024 });
    const big = Buffer.from(JSON.stringify({ inscope: 1, padding: 'x'.repeat(4096) }));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(big.subarray(0, 2048));
        controller.enqueue(big.subarray(2048));
        controller.close();
      },
    });
    const response = await fetch(url, { method: 'POST', body: stream, headers: signedHeaders(big), duplex: 'half' } as RequestInit);
    expect(response.status).toBe(413);
    expect(accept).not.toHaveBeenCalled();
  });

  it('refuses a signed body that is not JSON with 400', async () => {
    const { url, accept } = await start();
    const body = '{"inscope": 1,';
    const response = await post(url, body, signedHeaders(body));
    expect(response).toMatchObject({ status: 400, json: { error: { code: 'json' } } });
    expect(accept).not.toHaveBeenCalled();
  });

  it('refuses a signed delivery without a ticket id with 422 naming the path', async () => {
    const json = loadWebhookFixture('event-ticket-created.json').json as { detail: Record<string, unknown> };
    delete json.detail['id'];
    const body = JSON.stringify(json);
    const { url, accept } = await start();
    const response = await post(url, body, signedHeaders(body));
    expect(response).toMatchObject({ status: 422, json: { error: { code: 'invalid', details: { issues: [{ path: 'detail.id' }] } } } });
    expect(accept).not.toHaveBeenCalled();
  });

  it('answers 503 with Retry-After when accept throws, and never 2xx', async () => {
    const { url, rejected } = await start({
      accept: async () => {
        throw new Error('SQLITE_BUSY: database is locked at /var/lib/inscope/secret-path.db');
      },
    });
    const response = await post(url, createdBody, signedHeaders(createdBody));
    expect(response.status).toBe(503);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(response.headers.get('retry-after'))).toBeLessThan(60);
    expect(JSON.stringify(response.json)).not.toContain('SQLITE');
    expect(rejected).toEqual(['unavailable']);
  });

  it('answers 503 when accept does not settle in time', async () => {
    const { url } = await start({ accept: () => new Promise<AcceptOutcome>(() => {}), acceptTimeoutMs: 20 });
    const response = await post(url, createdBody, signedHeaders(createdBody));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).not.toBeNull();
  });

  it('answers 503 when no signing secret is configured, rather than accept unverified deliveries', async () => {
    const { url, accept } = await start({ secrets: () => [] });
    const response = await post(url, createdBody, signedHeaders(createdBody));
    expect(response).toMatchObject({ status: 503, json: { error: { code: 'not_configured' } } });
    expect(accept).not.toHaveBeenCalled();
  });

  it('answers an unexpected failure with a JSON 500 and no stack trace', async () => {
    const { url, accept, rejected } = await start({
      secrets: () => {
        throw new Error('vault unreachable at /etc/inscope/secrets');
      },
    });
    const response = await post(url, createdBody, signedHeaders(createdBody));
    expect(response).toMatchObject({ status: 500, json: { error: { code: 'internal' } } });
    expect(JSON.stringify(response.json)).not.toContain('vault');
    expect(accept).not.toHaveBeenCalled();
    expect(rejected).toEqual(['internal']);
  });

  it('never echoes a secret or the body in an error', async () => {
    const { url } = await start();
    const response = await post(url, createdBody, signedHeaders(createdBody, { secret: 'not-ours' }));
    const text = JSON.stringify(response.json);
    expect(text).not.toContain(CURRENT);
    expect(text).not.toContain('bankafschrift');
  });
});
