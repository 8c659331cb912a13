import { describe, expect, it } from 'vitest';
import { proposalExpiresAt, startOfLocalDay } from '../../../connectors/proposals/proposal-expiry.js';
import { hashProposalToken, signProposalToken, verifyProposalToken } from '../../../connectors/proposals/proposal-token.js';

const SECRET = 'a-proposal-secret-of-enough-length';
const claims = { number: 'P-2026-0042', version: 2, expiresAt: Date.parse('2026-12-27T23:00:00Z') };

describe('acceptance tokens', () => {
  it('verify with the secret they were signed with and carry the proposal version and expiry', () => {
    const token = signProposalToken(claims, SECRET);
    expect(verifyProposalToken(token, SECRET, Date.parse('2026-11-27T10:00:00Z'))).toEqual({ ok: true, claims });
  });

  it('verify with a previous secret kept for rotation', () => {
    const token = signProposalToken(claims, SECRET);
    expect(verifyProposalToken(token, ['the-new-secret-after-rotation', SECRET], 0).ok).toBe(true);
  });

  it.each([
    ['another secret', (t: string) => t, 'another-secret-of-enough-length', 'signature'],
    ['a changed payload', (t: string) => `${Buffer.from(JSON.stringify({ p: 'P-2026-0043', v: 2, e: 1798412400, n: 'x' })).toString('base64url')}.${t.split('.')[1]}`, SECRET, 'signature'],
    ['a truncated signature', (t: string) => t.slice(0, -1), SECRET, 'malformed'],
    ['no signature', (t: string) => t.split('.')[0]!, SECRET, 'malformed'],
    ['garbage', () => '../../etc/passwd', SECRET, 'malformed'],
  ])('refuse %s', (_name, tamper, secret, reason) => {
    const token = tamper(signProposalToken(claims, SECRET));
    expect(verifyProposalToken(token, secret, 0)).toMatchObject({ ok: false, reason });
  });

  it('expire at the instant the last valid day has ended, not a millisecond earlier', () => {
    const token = signProposalToken(claims, SECRET);
    expect(verifyProposalToken(token, SECRET, claims.expiresAt - 1).ok).toBe(true);
    expect(verifyProposalToken(token, SECRET, claims.expiresAt)).toMatchObject({ ok: false, reason: 'expired', claims });
  });

  it('differ for the same proposal (a nonce), so a revision never revives an old link', () => {
    expect(signProposalToken(claims, SECRET)).not.toBe(signProposalToken(claims, SECRET));
  });

  it('are stored only as a SHA-256 hash', () => {
    expect(hashProposalToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('refuse a short secret', () => {
    expect(() => signProposalToken(claims, 'short')).toThrow(/at least 16/);
  });
});

describe('the end of the last valid day', () => {
  it.each([
    ['Amsterdam in winter', '2026-12-27', 'Europe/Amsterdam', '2026-12-27T23:00:00.000Z'],
    ['London in winter', '2026-12-27', 'Europe/London', '2026-12-28T00:00:00.000Z'],
    ['New York', '2026-12-27', 'America/New_York', '2026-12-28T05:00:00.000Z'],
    ['Amsterdam on the night summer time starts', '2027-03-27', 'Europe/Amsterdam', '2027-03-27T23:00:00.000Z'],
    ['Amsterdam on the night summer time ends', '2026-10-24', 'Europe/Amsterdam', '2026-10-24T22:00:00.000Z'],
    ['Amsterdam in summer', '2026-07-31', 'Europe/Amsterdam', '2026-07-31T22:00:00.000Z'],
  ])('is local midnight after it (%s)', (_name, validUntil, timeZone, expected) => {
    expect(new Date(proposalExpiresAt({ validUntil, timeZone })).toISOString()).toBe(expected);
  });

  it('starts a local day at its midnight even across a month and a year', () => {
    expect(new Date(startOfLocalDay('2027-01-01', 'Europe/Amsterdam')).toISOString()).toBe('2026-12-31T23:00:00.000Z');
  });
});
