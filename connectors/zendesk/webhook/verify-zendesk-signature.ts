// Checks that a webhook delivery was signed by Zendesk with one of our signing secrets, and that
// its signature timestamp is recent enough to rule out a replay.
//
// Zendesk docs, "Verifying webhook authenticity"
// (https://developer.zendesk.com/documentation/webhooks/verifying/): the signature is
// base64(HMAC-SHA256(secret, TIMESTAMP + BODY)), sent in `x-zendesk-webhook-signature`, with the
// timestamp in `x-zendesk-webhook-signature-timestamp`. "Anatomy of a webhook request"
// (https://developer.zendesk.com/documentation/webhooks/anatomy-of-a-webhook-request/) shows the
// timestamp as ISO 8601, e.g. `2021-03-25T05:09:27Z`. Zendesk enforces no replay window itself.
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface VerifyZendeskSignatureInput {
  /** Current secret first, then the previous one while a rotation is under way. */
  readonly secrets: readonly string[];
  readonly signature: string;
  readonly timestamp: string;
  readonly rawBody: Buffer;
  /** Epoch milliseconds. */
  readonly now: number;
  readonly toleranceMs?: number;
}

export type SignatureFailure = 'signature' | 'timestamp' | 'format';

export type VerifyZendeskSignatureResult =
  | { readonly ok: true; readonly secretIndex: number }
  | { readonly ok: false; readonly reason: SignatureFailure };

export const DEFAULT_SIGNATURE_TOLERANCE_MS = 5 * 60 * 1000;

const SHA256_BYTES = 32;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export function verifyZendeskSignature(input: VerifyZendeskSignatureInput): VerifyZendeskSignatureResult {
  const { secrets, signature, timestamp, rawBody, now } = input;
  const toleranceMs = input.toleranceMs ?? DEFAULT_SIGNATURE_TOLERANCE_MS;
  const given = decodeSignature(signature.trim());
  if (given === null || timestamp.trim() === '') return { ok: false, reason: 'format' };

  let secretIndex = -1;
  // Every secret is tried, even after a match, so the time taken does not reveal which one matched.
  secrets.forEach((secret, index) => {
    if (secret === '') return;
    const expected = createHmac('sha256', secret).update(timestamp).update(rawBody).digest();
    if (expected.length === given.length && timingSafeEqual(expected, given) && secretIndex < 0) secretIndex = index;
  });
  if (secretIndex < 0) return { ok: false, reason: 'signature' };

  // The timestamp is checked only once the signature holds: a forged request learns nothing from it.
  const signedAt = Date.parse(timestamp);
  if (Number.isNaN(signedAt)) return { ok: false, reason: 'format' };
  if (Math.abs(now - signedAt) > toleranceMs) return { ok: false, reason: 'timestamp' };
  return { ok: true, secretIndex };
}

/** Computes the signature Zendesk would send; used by tests and the local delivery simulator. */
export function signZendeskDelivery(secret: string, timestamp: string, rawBody: Buffer | string): string {
  return createHmac('sha256', secret).update(timestamp).update(rawBody).digest('base64');
}

function decodeSignature(signature: string): Buffer | null {
  if (!BASE64.test(signature)) return null;
  const bytes = Buffer.from(signature, 'base64');
  if (bytes.length !== SHA256_BYTES) return null;
  // Node ignores the unused low bits of the last base64 character, so several spellings decode to
  // one MAC; only the canonical one (padding optional) is accepted, and a changed character fails.
  return bytes.toString('base64').replace(/=+$/, '') === signature.replace(/=+$/, '') ? bytes : null;
}
