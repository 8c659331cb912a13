import { describe, expect, it } from 'vitest';
import { signJiraDelivery, verifyJiraSignature } from '../../connectors/jira/webhook/verify-jira-signature.js';

const body = Buffer.from('{"webhookEvent":"jira:issue_created"}');

describe('verifyJiraSignature', () => {
  it("accepts Atlassian's published test vector", () => {
    const result = verifyJiraSignature({
      secrets: ["It's a Secret to Everybody"],
      header: 'sha256=a4771c39fbe90f317c7824e83ddef3caae9cb3d976c214ace1f2937e133263c9',
      rawBody: Buffer.from('Hello World!'),
    });
    expect(result).toEqual({ ok: true, secretIndex: 0, method: 'sha256' });
  });

  it('signs the test vector the way Atlassian does', () => {
    expect(signJiraDelivery("It's a Secret to Everybody", 'Hello World!')).toBe('sha256=a4771c39fbe90f317c7824e83ddef3caae9cb3d976c214ace1f2937e133263c9');
  });

  it('accepts a delivery signed with the previous secret during a rotation and says which one matched', () => {
    expect(verifyJiraSignature({ secrets: ['new-secret', 'old-secret'], header: signJiraDelivery('old-secret', body), rawBody: body })).toMatchObject({ ok: true, secretIndex: 1 });
  });

  it('reads the method from the header', () => {
    expect(verifyJiraSignature({ secrets: ['s'], header: signJiraDelivery('s', body, 'sha512'), rawBody: body })).toMatchObject({ ok: true, method: 'sha512' });
  });

  it.each([
    ['a delivery signed with another secret', signJiraDelivery('other', body), 'signature'],
    ['a body changed after signing', signJiraDelivery('s', '{"webhookEvent":"jira:issue_updated"}'), 'signature'],
    ['an unknown method', `md5=${'0'.repeat(32)}`, 'method'],
    ['a digest of the wrong length', 'sha256=abcd', 'format'],
    ['a header without a method', 'a4771c39fbe90f317c7824e83ddef3caae9cb3d976c214ace1f2937e133263c9', 'format'],
    ['an empty header', '', 'format'],
  ])('rejects %s', (_label, header, reason) => {
    expect(verifyJiraSignature({ secrets: ['s'], header, rawBody: body })).toEqual({ ok: false, reason });
  });

  it('never matches an empty secret', () => {
    expect(verifyJiraSignature({ secrets: [''], header: signJiraDelivery('', body), rawBody: body })).toEqual({ ok: false, reason: 'signature' });
  });
});
