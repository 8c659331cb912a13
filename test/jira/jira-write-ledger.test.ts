// The pure parts of the Jira write ledger: its key, reading it back from "Get issue", which comment
// it keeps, and how a retry recognises the comment an earlier attempt posted.
import { describe, expect, it } from 'vitest';
import { findLandedComment, jiraInstantMs, jiraWriteKey, MAX_LEDGER_COMMENT, plannedComment, readJiraLedger } from '../../connectors/jira/jira-write-ledger.js';

const SINCE = '2026-11-27T10:00:00.000+0000';
const at = (offsetMs: number) => Date.parse('2026-11-27T10:00:00.000Z') + offsetMs;
const posted = (body: string, isPublic: boolean, offsetMs: number) => ({ id: '40001', body, public: isPublic, createdMs: at(offsetMs) });

describe('the Jira write ledger', () => {
  it('keys a write by its label edit, whatever the order of the edit\'s operations', () => {
    const a = jiraWriteKey([{ add: 'inscope_covered' }, { add: 'inscope_d_1a2b3c4d' }, { remove: 'inscope_review' }]);
    expect(jiraWriteKey([{ remove: 'inscope_review' }, { add: 'inscope_d_1a2b3c4d' }, { add: 'inscope_covered' }])).toBe(a);
    expect(jiraWriteKey([{ add: 'inscope_covered' }, { add: 'inscope_d_1a2b3c4d' }])).not.toBe(a);
  });

  it('reads the ledger from the properties "Get issue" returned, and nothing from another shape', () => {
    expect(readJiraLedger({ 'inscope.writes': { key: 'k', since: SINCE, done: ['category', 'bogus', 'transition'], comment: { body: 'x', public: false } } }))
      .toEqual({ key: 'k', since: SINCE, done: ['category', 'transition'], comment: { body: 'x', public: false } });
    expect(readJiraLedger({ 'inscope.writes': { key: 'k', done: [] } })).toEqual({ key: 'k', since: null, done: [] });
    expect(readJiraLedger(undefined)).toBeNull();
    expect(readJiraLedger({ 'inscope.writes': 'k' })).toBeNull();
    expect(readJiraLedger({ 'inscope.writes': { key: 1, done: [] } })).toBeNull();
  });

  it('keeps the planned comment, unless it is too long for an issue property (32,768 characters of JSON)', () => {
    expect(plannedComment({ body: 'Ontbreekt: versie.', public: true })).toEqual({ body: 'Ontbreekt: versie.', public: true });
    expect(plannedComment({ body: 'x'.repeat(MAX_LEDGER_COMMENT + 1), public: true })).toBeUndefined();
    expect(JSON.stringify({ body: '\n'.repeat(MAX_LEDGER_COMMENT) }).length).toBeLessThan(32_768);
  });

  it('reads Jira instants with their +0000 offset', () => {
    expect(jiraInstantMs(SINCE)).toBe(at(0));
    expect(jiraInstantMs('2026-11-27T11:00:00.000+0100')).toBe(at(0));
    expect(jiraInstantMs(null)).toBeNull();
  });

  it.each([
    ['the same text and visibility, after the ledger', [posted('Ontbreekt: versie.', true, 1)], true],
    ['the same text with its line breaks and spaces changed', [posted(' Ontbreekt:\r\n versie. ', true, 1)], true],
    ['the same text, but internal where the write posts it publicly', [posted('Ontbreekt: versie.', false, 1)], false],
    ['the same text from before the ledger (an earlier decision said it)', [posted('Ontbreekt: versie.', true, -1)], false],
    ['another text', [posted('Ontbreekt: product.', true, 1)], false],
  ])('recognises a landed comment: %s', (_label, comments, found) => {
    expect(findLandedComment(comments, 'Ontbreekt: versie.', true, SINCE) !== null).toBe(found);
  });
});
