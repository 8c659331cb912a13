// The promise of one coverage config for two helpdesks: a Zendesk ticket and a JSM request with the
// same content from the same organization get the same verdict (outcome, rule, category, status,
// what is missing, the contract, the facts and the proposal), read through the real adapters.
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { compileRules, type Verdict } from '../../rules/index.js';
import { config, jiraHarness, zendeskHarness } from './harnesses.js';
import { exampleIds } from './same-request.js';

const engine = compileRules(config, { configHash: 'same-verdict' });

function comparable(verdict: Verdict) {
  const { trace: _trace, facts, ...rest } = verdict;
  // Facts read from the description carry where they were found; the text itself is the same.
  return { ...rest, facts: Object.fromEntries(Object.entries(facts).map(([k, v]) => [k, v.value])) };
}

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});

describe('one config, two helpdesks', () => {
  it('covers every example request', () => {
    expect(exampleIds().length).toBeGreaterThanOrEqual(20);
  });

  it.each(exampleIds())('gives example request %s the same verdict in Zendesk and in Jira Service Management', async (id) => {
    zendeskHarness.mockLoad(id);
    jiraHarness.mockLoad(id);
    const fromZendesk = engine.triage((await zendeskHarness.port().load(zendeskHarness.ticketId(id), [])).item);
    const fromJira = engine.triage((await jiraHarness.port().load(jiraHarness.ticketId(id), [])).item);
    expect(comparable(fromJira)).toEqual(comparable(fromZendesk));
  });
});
