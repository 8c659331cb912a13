// The signed capability in a proposal's accept/decline link: which proposal version, until when,
// HMAC-SHA256 with the server's proposal secret. Whoever holds the link may accept or decline, so the
// page's forms need no other CSRF token. Single use is the store's job: it keeps a hash of the
// token and a decided proposal no longer accepts it.
import crypto from 'node:crypto';

export interface ProposalTokenClaims {
  readonly number: string;
  readonly version: number;
  /** Epoch ms: the end of the last valid day in the proposal's time zone. */
  readonly expiresAt: number;
}

export type ProposalTokenCheck =
  | { readonly ok: true; readonly claims: ProposalTokenClaims }
  | { readonly ok: false; readonly reason: 'malformed' | 'signature' | 'expired'; readonly claims?: ProposalTokenClaims };

const b64 = (data: Buffer | string) => Buffer.from(data).toString('base64url');

function mac(payload: string, secret: string): Buffer {
  return crypto.createHmac('sha256', secret).update(payload).digest();
}

export function signProposalToken(claims: ProposalTokenClaims, secret: string, nonce = crypto.randomBytes(9).toString('base64url')): string {
  if (secret.length < 16) throw new RangeError('the proposal secret must be at least 16 characters');
  const payload = b64(JSON.stringify({ p: claims.number, v: claims.version, e: Math.floor(claims.expiresAt / 1000), n: nonce }));
  return `${payload}.${b64(mac(payload, secret))}`;
}

function parseClaims(payload: string): ProposalTokenClaims | null {
  try {
    const raw = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { p?: unknown; v?: unknown; e?: unknown };
    if (typeof raw.p !== 'string' || !Number.isInteger(raw.v) || !Number.isInteger(raw.e)) return null;
    return { number: raw.p, version: raw.v as number, expiresAt: (raw.e as number) * 1000 };
  } catch {
    return null;
  }
}

/** Checks the signature in constant time (length first), then the expiry against `now` (epoch ms). */
export function verifyProposalToken(token: string, secrets: string | readonly string[], now: number): ProposalTokenCheck {
  const match = /^([A-Za-z0-9_-]{8,400})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { ok: false, reason: 'malformed' };
  const [, payload, signature] = match as unknown as [string, string, string];
  const given = Buffer.from(signature, 'base64url');
  const valid = (typeof secrets === 'string' ? [secrets] : secrets).some((secret) => {
    const expected = mac(payload, secret);
    return given.length === expected.length && crypto.timingSafeEqual(given, expected);
  });
  if (!valid) return { ok: false, reason: 'signature' };
  const claims = parseClaims(payload);
  if (!claims) return { ok: false, reason: 'malformed' };
  if (now >= claims.expiresAt) return { ok: false, reason: 'expired', claims };
  return { ok: true, claims };
}

/** What the store keeps instead of the token: a leaked database does not leak working links. */
export function hashProposalToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}
