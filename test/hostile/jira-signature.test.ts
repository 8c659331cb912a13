// Property tests for verifyJiraSignature: arbitrary input never throws, and only
// `<method>=<hex HMAC of the exact body>` under one of our secrets verifies.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signJiraDelivery, verifyJiraSignature } from '../../connectors/jira/webhook/verify-jira-signature.js';
import { flipByte, flipChar, runs } from './property-runs.js';

const anyText = fc.string({ unit: 'binary', maxLength: 200 });
const anyBody = fc.uint8Array({ maxLength: 600 }).map((a) => Buffer.from(a));
const secret = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 });
const method = fc.constantFrom('sha256', 'sha384', 'sha512') as fc.Arbitrary<'sha256' | 'sha384' | 'sha512'>;
const hexOf = (bytes: number) => fc.uint8Array({ minLength: bytes, maxLength: bytes }).map((a) => Buffer.from(a).toString('hex'));
/** Headers that get past the format check and reach the HMAC comparison. */
const wellFormedHeader = fc.oneof(
  hexOf(32).map((h) => `sha256=${h}`),
  hexOf(48).map((h) => `sha384=${h}`),
  hexOf(64).map((h) => `sha512=${h}`),
  fc.tuple(fc.constantFrom('sha1', 'md5', 'SHA256', 'none', ''), hexOf(32)).map(([m, h]) => `${m}=${h}`),
);

describe('verifyJiraSignature under arbitrary input', () => {
  it('never throws and always answers ok or a failure reason', () => {
    fc.assert(
      fc.property(fc.array(anyText, { maxLength: 3 }), fc.oneof(anyText, wellFormedHeader), anyBody, (secrets, header, rawBody) => {
        const result = verifyJiraSignature({ secrets, header, rawBody });
        if (!result.ok) expect(['format', 'method', 'signature']).toContain(result.reason);
      }),
      runs(800),
    );
  });

  it('verifies exactly when one of the secrets signed these bytes with a supported method', () => {
    fc.assert(
      fc.property(fc.uniqueArray(secret, { minLength: 1, maxLength: 3 }), fc.oneof(fc.nat(2), secret), anyBody, method, (secrets, signer, rawBody, algorithm) => {
        const signingSecret = typeof signer === 'number' ? secrets[signer] ?? 'not-one-of-ours' : signer;
        const header = signJiraDelivery(signingSecret, rawBody, algorithm);
        const result = verifyJiraSignature({ secrets, header, rawBody });
        const index = secrets.indexOf(signingSecret);
        expect(result).toEqual(index < 0 ? { ok: false, reason: 'signature' } : { ok: true, secretIndex: index, method: algorithm });
      }),
      runs(400),
    );
  });

  it('rejects a signed delivery once any single byte of the body or the header changes', () => {
    fc.assert(
      fc.property(secret, anyBody.filter((b) => b.length > 0), method, fc.boolean(), fc.nat(), fc.integer({ min: 1, max: 127 }), (key, rawBody, algorithm, inBody, index, mask) => {
        const header = signJiraDelivery(key, rawBody, algorithm);
        expect(verifyJiraSignature({ secrets: [key], header, rawBody }).ok).toBe(true);
        if (inBody) {
          expect(verifyJiraSignature({ secrets: [key], header, rawBody: flipByte(rawBody, index, mask) }).ok).toBe(false);
          return;
        }
        const changed = flipChar(header, index, mask);
        // Method and hex digits are read case-insensitively on purpose: `SHA256=AB…` is the same signature.
        const sameValue = changed.toLowerCase() === header;
        expect(verifyJiraSignature({ secrets: [key], header: changed, rawBody }).ok).toBe(sameValue);
      }),
      runs(1500),
    );
  });
});
