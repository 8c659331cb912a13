// check-config's notes: a valid config that would still surprise its administrator (a GBP contract
// priced at the default rate, module-limited contracts that never ask for the module).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configNotes } from '../../connectors/config/config-notes.js';
import { loadConfig } from '../../connectors/config/load-config.js';

const root = path.resolve(import.meta.dirname, '../..');

describe('configNotes', () => {
  it('names a contract in another currency without its own rate, and module limits no rule asks about', async () => {
    const { config } = await loadConfig(path.join(root, 'test/eval/worlds/stroom/configs/admin-1.yaml'));
    const notes = configNotes(config);
    expect(notes[0]).toBe('contract S-2026-07 is in GBP but names no hourlyRate: its proposals use defaults.hourlyRate (110) as GBP 110 an hour');
    expect(notes[1]).toMatch(/^contracts S-2026-02, S-2026-08 cover only some modules, and no completeness rule asks for the module/);
    expect(notes).toHaveLength(2);
  });

  it('has nothing to say about the example config, which asks for the module when it decides', async () => {
    const { config } = await loadConfig(path.join(root, 'examples/coverage.yaml'));
    expect(configNotes(config)).toEqual([]);
  });
});
