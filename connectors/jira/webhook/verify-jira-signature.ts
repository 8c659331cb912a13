// Checks that an admin-webhook delivery was signed by Jira with one of our secrets.
//
// Atlassian, "Webhooks" › "Secure admin webhooks"
// (https://developer.atlassian.com/cloud/jira/platform/webhooks/#secure-admin-webhooks): a webhook
// registered with a secret carries `X-Hub-Signature: method=signature` (WebSub), today
// `sha256=<hex HMAC of the raw body>`. The method is read from the header rather than assumed, and
// only methods we know are accepted. Jira signs no header with a time in it: the replay window is
// checked on the body's signed `timestamp` (check-jira-timestamp.ts), and a replay within it is a
// duplicate of the signed body's hash (jiraBodyEventId).
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface VerifyJiraSignatureInput {
  /** Current secret first, then the previous one while a rotation is under way. */
  readonly secrets: readonly string[];
  /** The `X-Hub-Signature` header as sent. */
  readonly header: string;
  readonly rawBody: Buffer;
}

export type VerifyJiraSignatureResult =
  | { readonly ok: true; readonly secretIndex: number; readonly method: string }
  | { readonly ok: false; readonly reason: 'format' | 'method' | 'signature' };

/** WebSub method name → node:crypto algorithm and digest length in bytes. */
const METHODS: Readonly<Record<string, { readonly algorithm: string; readonly bytes: number }>> = {
  sha256: { algorithm: 'sha256', bytes: 32 },
  sha384: { algorithm: 'sha384', bytes: 48 },
  sha512: { algorithm: 'sha512', bytes: 64 },
};

const HEADER = /^([a-z0-9]+)=([0-9a-f]+)$/i;

export function verifyJiraSignature(input: VerifyJiraSignatureInput): VerifyJiraSignatureResult {
  const match = HEADER.exec(input.header.trim());
  if (!match) return { ok: false, reason: 'format' };
  const method = match[1]!.toLowerCase();
  const spec = METHODS[method];
  if (!spec) return { ok: false, reason: 'method' };
  const hex = match[2]!;
  // Length first: timingSafeEqual throws on different lengths, and a short hex is malformed anyway.
  if (hex.length !== spec.bytes * 2) return { ok: false, reason: 'format' };
  const given = Buffer.from(hex, 'hex');

  let secretIndex = -1;
  // Every secret is tried, even after a match, so the time taken does not reveal which one matched.
  input.secrets.forEach((secret, index) => {
    if (secret === '') return;
    const expected = createHmac(spec.algorithm, secret).update(input.rawBody).digest();
    if (timingSafeEqual(expected, given) && secretIndex < 0) secretIndex = index;
  });
  return secretIndex < 0 ? { ok: false, reason: 'signature' } : { ok: true, secretIndex, method };
}

/** The header Jira would send; used by tests and local delivery tools. */
export function signJiraDelivery(secret: string, rawBody: Buffer | string, method: 'sha256' | 'sha384' | 'sha512' = 'sha256'): string {
  return `${method}=${createHmac(method, secret).update(rawBody).digest('hex')}`;
}
