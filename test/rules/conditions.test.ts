// Every condition kind, in the table form the config uses, evaluated through the engine.
import { describe, expect, it } from 'vitest';
import type { Condition, WorkItem } from '../../rules/index.js';
import { contractDef, probe } from './builders.js';

type Row = [string, Condition, Partial<WorkItem>, boolean];

// Two products: with one, a ticket that names none is about that one (see the trace tests).
const factFacts = {
  facts: { product: { field: 'product', words: { finance: ['boekhouding'] } } },
  contracts: [contractDef({ products: [{ product: 'finance' }, { product: 'payroll' }] })],
};

describe('fact conditions', () => {
  it.each<Row>([
    ['present passes for a filled field', { fact: 'product', present: true }, { fields: { product: 'finance' } }, true],
    ['present fails for an empty string field', { fact: 'product', present: true }, { fields: { product: '  ' } }, false],
    ['present fails for an empty list field', { fact: 'product', present: true }, { fields: { product: [] } }, false],
    ['present: false passes when the fact is absent', { fact: 'product', present: false }, {}, true],
    ['present passes for a fact found in the text', { fact: 'product', present: true }, { subject: 'Boekhouding stuk' }, true],
    ['equals ignores case and diacritics', { fact: 'module', equals: 'Rapportage' }, { fields: { module: 'rapportáge' } }, true],
    ['equals does not match a different value', { fact: 'module', equals: 'ledger' }, { fields: { module: 'reporting' } }, false],
    ['in matches one of the values, normalised', { fact: 'priority', in: ['urgent', 'high'] }, { priority: 'HIGH' }, true],
    ['in fails for a value outside the list', { fact: 'priority', in: ['urgent', 'high'] }, { priority: 'low' }, false],
    ['in fails when the fact is absent', { fact: 'priority', in: ['low'] }, {}, false],
    ['matches is a case-insensitive regex', { fact: 'version', matches: '^10\\.' }, { fields: { version: '10.2' } }, true],
    ['matches fails when the regex does not match', { fact: 'version', matches: '^10\\.' }, { fields: { version: '9.6' } }, false],
    ['minWords counts words of the description', { fact: 'description', minWords: 5 }, { description: 'Het grootboek — sluit niet af!' }, true],
    ['minWords fails below the count', { fact: 'description', minWords: 6 }, { description: 'Het grootboek — sluit niet af!' }, false],
    ['organization matches the name', { fact: 'organization', equals: 'bakkerij jansen b.v.' }, { organizationName: 'Bakkerij Jansen B.V.' }, true],
    ['organization matches the id', { fact: 'organization', in: ['9001'] }, { organizationName: 'Bakkerij Jansen B.V.' }, true],
    ['requesterDomain is the e-mail domain in lower case', { fact: 'requesterDomain', equals: 'zuidwijk.nl' }, { requesterEmail: 'Piet@Zuidwijk.NL' }, true],
    ['form, channel are built-in facts', { all: [{ fact: 'form', equals: 'Storing' }, { fact: 'channel', equals: 'email' }] }, { form: 'storing', channel: 'email' }, true],
    ['subject is a built-in fact', { fact: 'subject', matches: '^re:' }, { subject: 'RE: factuur' }, true],
    ['a number field compares as text', { fact: 'seats', equals: '25' }, { fields: { seats: 25 } }, true],
    ['a boolean field compares as text', { fact: 'onPremise', equals: 'true' }, { fields: { onPremise: true } }, true],
  ])('%s', (_name, condition, item, expected) => {
    expect(probe(condition, factFacts)(item)).toBe(expected);
  });
});

describe('text conditions', () => {
  const howTo: Condition = { text: { phrases: ['hoe stel ik', 'how do I configure'] } };
  it.each<Row>([
    ['finds a Dutch phrase regardless of case and accents', howTo, { description: 'Goedemorgen, HOE stél ik de btw in?' }, true],
    ['finds a phrase across punctuation and line breaks', howTo, { description: 'Vraag: hoe\nstel, ik dit in' }, true],
    ['finds an English phrase', howTo, { subject: 'How do I configure invoices?' }, true],
    ['does not match a longer word ("configured")', howTo, { description: 'how do I configured it' }, false],
    ['does not match a partial phrase ("hoe stellen")', howTo, { description: 'hoe stellen wij dit in' }, false],
    ['matches decomposed accents (e + combining acute)', { text: { words: ['café'] } }, { description: 'In het cafe\u0301 werkt het' }, true],
    ['words match whole words only', { text: { words: ['api'] } }, { description: 'de rapid koppeling' }, false],
    ['words match at the very start and end', { text: { words: ['api'] } }, { description: 'API' }, true],
    ['scope subject ignores the description', { text: { in: 'subject', words: ['crash'] } }, { description: 'crash' }, false],
    ['scope description ignores the subject', { text: { in: 'description', words: ['crash'] } }, { subject: 'crash' }, false],
    ['scope both looks at either', { text: { in: 'both', words: ['crash'] } }, { subject: 'crash' }, true],
    ['a phrase does not span subject and description', { text: { phrases: ['werkt niet'] } }, { subject: 'Het werkt', description: 'niet goed' }, false],
    ['regex runs on the raw text, case-insensitively', { text: { regex: '\\berr-\\d{4}\\b' } }, { description: 'Melding ERR-1234 verschijnt' }, true],
    ['regex does not see normalised text', { text: { regex: 'err 1234' } }, { description: 'ERR-1234' }, false],
    ['regex supports Unicode property escapes', { text: { regex: '\\p{Lu}{3}-\\d+' } }, { description: 'ÉÉN-42' }, true],
    ['regex is case-insensitive for accented letters', { text: { regex: 'één' } }, { description: 'ÉÉN keer' }, true],
    ['phrases, words and regex: any of them is enough', { text: { phrases: ['loopt vast'], regex: 'xyz' } }, { description: 'Het scherm loopt vast.' }, true],
    ['letters without a decomposition (ß) stay letters, capitals fold', { text: { words: ['straße'] } }, { description: 'Die STRAẞE 1' }, true],
    ['non-ASCII letters are part of the word', { text: { words: ['stra'] } }, { description: 'Die Straße 1' }, false],
    ['emoji separate words', { text: { phrases: ['werkt niet'] } }, { description: 'werkt🙁niet' }, true],
  ])('%s', (_name, condition, item, expected) => {
    expect(probe(condition)(item)).toBe(expected);
  });
});

describe('tags, attachments, contract and contract level', () => {
  const shot = { filename: 'Scherm.PNG', contentType: 'image/png' };
  const log = { filename: 'app.log' };
  it.each<Row>([
    ['tags any passes with one of them', { tags: { any: ['urgent', 'spoed'] } }, { tags: ['spoed'] }, true],
    ['tags any fails with none of them', { tags: { any: ['urgent'] } }, { tags: ['vraag'] }, false],
    ['tags all needs every tag', { tags: { all: ['a', 'b'] } }, { tags: ['a'] }, false],
    ['tags none fails when one is present', { tags: { none: ['vraag'] } }, { tags: ['vraag'] }, false],
    ['tags compare case-insensitively', { tags: { all: ['VIP'] } }, { tags: ['vip'] }, true],
    ['attachments min counts all files', { attachments: { min: 2 } }, { attachments: [shot, log] }, true],
    ['attachments by extension, case-insensitive', { attachments: { min: 1, types: ['png'] } }, { attachments: [shot] }, true],
    ['attachments by MIME prefix', { attachments: { min: 1, types: ['image/'] } }, { attachments: [shot] }, true],
    ['attachments of other types do not count', { attachments: { min: 1, types: ['txt', 'image/'] } }, { attachments: [log] }, false],
    ['contract state matches', { contract: 'active' }, {}, true],
    ['contract state list matches', { contract: ['expired', 'none'] }, { organizationId: '9999' }, true],
    ['contract state fails for another state', { contract: 'expired' }, {}, false],
    ['contract level matches, normalised', { contractLevel: ['Gold'] }, {}, true],
    ['contract level fails without a contract', { contractLevel: ['gold'] }, { organizationId: '9999' }, false],
  ])('%s', (_name, condition, item, expected) => {
    expect(probe(condition, { contracts: [contractDef()] })(item)).toBe(expected);
  });
});

describe('all, any and not', () => {
  const urgent: Condition = { tags: { any: ['urgent'] } };
  const crash: Condition = { text: { words: ['crash'] } };
  it.each<Row>([
    ['all passes when every part holds', { all: [urgent, crash] }, { tags: ['urgent'], description: 'crash' }, true],
    ['all fails when one part fails', { all: [urgent, crash] }, { tags: ['urgent'] }, false],
    ['all of nothing passes', { all: [] }, {}, true],
    ['any passes when one part holds', { any: [urgent, crash] }, { description: 'crash' }, true],
    ['any fails when no part holds', { any: [urgent, crash] }, {}, false],
    ['any of nothing fails', { any: [] }, {}, false],
    ['not inverts', { not: crash }, { description: 'crash' }, false],
    ['nesting works', { all: [{ not: urgent }, { any: [crash, { tags: { any: ['x'] } }] }] }, { tags: ['x'] }, true],
  ])('%s', (_name, condition, item, expected) => {
    expect(probe(condition)(item)).toBe(expected);
  });
});
