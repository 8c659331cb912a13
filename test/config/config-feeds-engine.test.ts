import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../connectors/config/load-config.js';
import { compileRules, type WorkItem } from '../../rules/index.js';

const item = (overrides: Partial<WorkItem>): WorkItem => ({
  id: '1', subject: 'Hoe stel ik de boekhouding in?', description: 'Graag uitleg.', createdAt: '2026-10-05T09:00:00Z',
  tags: [], fields: {}, attachments: [], ...overrides,
});

describe('a loaded config', () => {
  it.each(['test/fixtures/config/valid.yaml', 'test/fixtures/config/valid.json', 'examples/coverage.yaml'])(
    'compiles in the engine as it is: %s',
    async (file) => {
      const loaded = await loadConfig(file);
      expect(compileRules(loaded.config, { configHash: loaded.hash }).configHash).toBe(loaded.hash);
    },
  );

  it('matches an unquoted numeric organization id to the helpdesk id text and fills in the default time zone', async () => {
    const loaded = await loadConfig('test/fixtures/config/valid.yaml');
    const engine = compileRules(loaded.config, { configHash: loaded.hash });
    const verdict = engine.triage(item({ organizationId: '9001' }));
    expect(verdict.contract?.id).toBe('C-2026-001');
    expect(verdict.contract?.timeZone).toBe('Europe/Amsterdam');
  });

  it('keeps a contract\'s own time zone when matching it by the requester\'s e-mail domain', async () => {
    const loaded = await loadConfig('test/fixtures/config/valid.yaml');
    const engine = compileRules(loaded.config, { configHash: loaded.hash });
    const verdict = engine.triage(item({ requesterEmail: 'anna@brightline.io' }));
    expect(verdict.contract).toMatchObject({ id: 'C-2026-040', timeZone: 'Europe/London', matchedBy: 'emailDomain' });
  });
});
