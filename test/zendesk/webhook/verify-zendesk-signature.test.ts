import { describe, expect, it } from 'vitest';
import { signZendeskDelivery, verifyZendeskSignature } from '../../../connectors/zendesk/webhook/verify-zendesk-signature.js';

const CURRENT = 'whsec-test-current';
const PREVIOUS = 'whsec-test-previous';
const TIMESTAMP = '2026-11-02T09:00:00Z';
const SIGNED_AT = Date.parse(TIMESTAMP);
const BODY = Buffer.from('{"inscope":1}');
// Computed independently: printf '%s' '2026-11-02T09:00:00Z{"inscope":1}' | openssl dgst -sha256 -hmac whsec-test-current -binary | base64
const OPENSSL_SIGNATURE = 'Ku1jm0SGRVx3atce1o/JuVCO5fdT2zR5y2mqEMq3ULw=';

const base = { secrets: [CURRENT], signature: OPENSSL_SIGNATURE, timestamp: TIMESTAMP, rawBody: BODY, now: SIGNED_AT };

describe('verifyZendeskSignature', () => {
  it('accepts the signature openssl computes over timestamp + body', () => {
    expect(verifyZendeskSignature(base)).toEqual({ ok: true, secretIndex: 0 });
  });

  it('signs exactly as openssl does', () => {
    expect(signZendeskDelivery(CURRENT, TIMESTAMP, BODY)).toBe(OPENSSL_SIGNATURE);
  });

  it('reports which secret matched during a rotation', () => {
    const signature = signZendeskDelivery(PREVIOUS, TIMESTAMP, BODY);
    expect(verifyZendeskSignature({ ...base, secrets: [CURRENT, PREVIOUS], signature })).toEqual({ ok: true, secretIndex: 1 });
  });

  it.each([
    ['another secret', { secrets: ['someone-else'] }],
    ['a body changed by one byte', { rawBody: Buffer.from('{"inscope":2}') }],
    ['a different timestamp than the one signed', { timestamp: '2026-11-02T09:00:01Z' }],
    ['no secrets at all', { secrets: [] }],
  ])('rejects a delivery checked against %s', (_name, change) => {
    expect(verifyZendeskSignature({ ...base, ...change })).toEqual({ ok: false, reason: 'signature' });
  });

  it.each([
    ['hex instead of base64', Buffer.from(OPENSSL_SIGNATURE, 'base64').toString('hex')],
    ['a truncated signature', OPENSSL_SIGNATURE.slice(0, 20)],
    ['an empty signature', ''],
    ['a signature with a sha256= prefix', `sha256=${OPENSSL_SIGNATURE}`],
  ])('rejects %s as badly formatted', (_name, signature) => {
    expect(verifyZendeskSignature({ ...base, signature })).toEqual({ ok: false, reason: 'format' });
  });

  it.each([
    ['just inside the window, late', SIGNED_AT + 5 * 60_000, true],
    ['just inside the window, early (clock skew)', SIGNED_AT - 5 * 60_000, true],
    ['one second too late', SIGNED_AT + 5 * 60_000 + 1000, false],
    ['one second too early', SIGNED_AT - 5 * 60_000 - 1000, false],
  ])('judges a timestamp %s', (_name, now, ok) => {
    const result = verifyZendeskSignature({ ...base, now });
    expect(result.ok).toBe(ok);
    if (!result.ok) expect(result.reason).toBe('timestamp');
  });

  it('honours a custom tolerance', () => {
    expect(verifyZendeskSignature({ ...base, now: SIGNED_AT + 61_000, toleranceMs: 60_000 })).toEqual({ ok: false, reason: 'timestamp' });
  });

  it('rejects a correctly signed but unparseable timestamp as badly formatted', () => {
    const timestamp = 'not-a-date';
    const signature = signZendeskDelivery(CURRENT, timestamp, BODY);
    expect(verifyZendeskSignature({ ...base, timestamp, signature })).toEqual({ ok: false, reason: 'format' });
  });
});
