// Property tests for verifyZendeskSignature: arbitrary input never throws, and only base64
// HMAC-SHA256(secret, timestamp + body) with a timestamp inside the window verifies.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signZendeskDelivery, verifyZendeskSignature } from '../../connectors/zendesk/webhook/verify-zendesk-signature.js';
import { flipByte, flipChar, runs } from './property-runs.js';

const NOW = Date.parse('2026-11-27T10:00:00Z');
const TOLERANCE_MS = 5 * 60 * 1000;

const anyText = fc.string({ unit: 'binary', maxLength: 80 });
const anyBody = fc.uint8Array({ maxLength: 600 }).map((a) => Buffer.from(a));
// Env vars and config cannot hold lone surrogates; well-formed text keeps "which secret" unambiguous.
const secret = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 });
const base64Of32 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((a) => Buffer.from(a).toString('base64'));

describe('verifyZendeskSignature under arbitrary input', () => {
  it('never throws and always answers ok or a failure reason', () => {
    fc.assert(
      fc.property(
        fc.array(anyText, { maxLength: 3 }),
        fc.oneof(anyText, base64Of32),
        fc.oneof(anyText, fc.date({ noInvalidDate: true }).map((d) => d.toISOString())),
        anyBody,
        fc.integer({ min: 0, max: 4_102_444_800_000 }),
        (secrets, signature, timestamp, rawBody, now) => {
          const result = verifyZendeskSignature({ secrets, signature, timestamp, rawBody, now });
          if (result.ok) expect(result.secretIndex).toBeGreaterThanOrEqual(0);
          else expect(['signature', 'timestamp', 'format']).toContain(result.reason);
        },
      ),
      runs(800),
    );
  });

  it('verifies exactly when one of the secrets signed these bytes and the timestamp is inside the window', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(secret, { minLength: 1, maxLength: 3 }),
        fc.oneof(fc.nat(2), secret),
        anyBody,
        fc.integer({ min: -2 * TOLERANCE_MS, max: 2 * TOLERANCE_MS }),
        fc.boolean(),
        (secrets, signer, rawBody, offsetMs, unpadded) => {
          const signingSecret = typeof signer === 'number' ? secrets[signer] ?? 'not-one-of-ours' : signer;
          // Zendesk sends whole seconds (`2021-03-25T05:09:27Z`).
          const timestamp = new Date(NOW + offsetMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
          const padded = signZendeskDelivery(signingSecret, timestamp, rawBody);
          const signature = unpadded ? padded.replace(/=+$/, '') : padded;
          const result = verifyZendeskSignature({ secrets, signature, timestamp, rawBody, now: NOW, toleranceMs: TOLERANCE_MS });

          const index = secrets.indexOf(signingSecret);
          const inWindow = Math.abs(NOW - Date.parse(timestamp)) <= TOLERANCE_MS;
          if (index < 0) expect(result).toEqual({ ok: false, reason: 'signature' });
          else if (!inWindow) expect(result).toEqual({ ok: false, reason: 'timestamp' });
          else expect(result).toEqual({ ok: true, secretIndex: index });
        },
      ),
      runs(400),
    );
  });

  it('rejects a signed delivery once any single byte of the body, timestamp or signature changes', () => {
    fc.assert(
      fc.property(
        secret,
        anyBody.filter((b) => b.length > 0),
        fc.constantFrom('body', 'timestamp', 'signature'),
        fc.nat(),
        fc.integer({ min: 1, max: 127 }),
        (key, rawBody, part, index, mask) => {
          const timestamp = new Date(NOW).toISOString().replace(/\.\d{3}Z$/, 'Z');
          const signature = signZendeskDelivery(key, timestamp, rawBody);
          const input = { secrets: [key], signature, timestamp, rawBody, now: NOW };
          expect(verifyZendeskSignature(input).ok).toBe(true);

          // Padding carries no bits of the MAC, so only the data characters are flipped.
          const data = signature.replace(/=+$/, '');
          const changed =
            part === 'body'
              ? { ...input, rawBody: flipByte(rawBody, index, mask) }
              : part === 'timestamp'
                ? { ...input, timestamp: flipChar(timestamp, index, mask) }
                : { ...input, signature: flipChar(data, index, mask) + signature.slice(data.length) };
          expect(verifyZendeskSignature(changed).ok).toBe(false);
        },
      ),
      runs(1500),
    );
  });
});
