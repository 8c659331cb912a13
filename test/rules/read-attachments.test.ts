// Whether a verdict read the attachments: an adapter that has not fetched them (Zendesk keeps them on
// the comments, one more call) relies on it to fetch them only when they could change the verdict.
import { describe, expect, it } from 'vitest';
import type { Condition } from '../../rules/index.js';
import { engineFor, reason, workItem } from './builders.js';

const errorTextOrFile: Condition = { any: [{ fact: 'errorText', present: true }, { attachments: { min: 1 } }] };

function engine(require: Condition) {
  return engineFor({
    facts: { errorText: { field: 'errorText' } },
    completeness: [{ id: 'error-text', require, missing: reason('error text?') }],
    coverage: [{ id: 'all', when: { contract: 'active' }, verdict: 'covered', reason: reason('covered') }],
  });
}

describe('Verdict.readAttachments', () => {
  it.each([
    ['an error text settles "error text or a file" before the file is looked at', errorTextOrFile, { errorText: 'ERR-1' }, false],
    ['without an error text the file decides', errorTextOrFile, {}, true],
    ['a config that never asks for files', { fact: 'errorText', present: true } as Condition, {}, false],
  ] as const)('%s', (_name, require, fields, read) => {
    const verdict = engine(require).triage(workItem({ fields, attachmentsUnread: true }));
    expect(verdict.readAttachments).toBe(read);
  });

  it('is the same verdict with or without the unread files when they were not read', () => {
    const unread = engine(errorTextOrFile).triage(workItem({ fields: { errorText: 'ERR-1' }, attachmentsUnread: true }));
    const read = engine(errorTextOrFile).triage(workItem({ fields: { errorText: 'ERR-1' }, attachments: [{ filename: 'crash.log' }] }));
    expect(unread.readAttachments).toBe(false);
    expect({ outcome: unread.outcome, rule: unread.rule }).toEqual({ outcome: read.outcome, rule: read.rule });
  });

  it('says in the trace that files were not read, rather than that there were none', () => {
    const verdict = engine(errorTextOrFile).triage(workItem({ fields: { errorText: 'ERR-1' }, attachmentsUnread: true }));
    expect(JSON.stringify(verdict.trace)).toContain('attachments not read: the decision did not need them');
  });
});
