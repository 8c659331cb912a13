// Architecture check: the import boundaries in eslint.config.js fire. Each case lints a one-line
// snippet as if it were a file in that folder, so the test fails when a rule is dropped, loses its
// reason, or stops matching the folder it guards; the clean cases keep the rules from overreaching.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.join(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

async function restrictedImports(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const SIBLING = 'Zendesk and Jira are sibling adapters behind one port';
const ADAPTER_UP = 'An adapter is composed by the CLI, the server and tenants/';
const BLOCK_TO_ADAPTER = 'serve every helpdesk: knowing one adapter here ties all the others to it';
const BLOCK_UP = 'sit below the CLI and the server that compose them';
const PROPOSALS = 'connectors/proposals reaches a helpdesk only through HelpdeskPort';

const ADAPTERS = ['zendesk', 'jira'];
const BLOCKS = ['core', 'shared', 'store', 'config', 'http'];

// Every folder against every folder it must not import, then a few imports as they are written in
// the code (type-only, re-exported, from deeper folders).
const forbidden: [from: string, to: string, reason: string][] = [
  ...ADAPTERS.flatMap((a): [string, string, string][] => [
    [a, a === 'zendesk' ? 'jira' : 'zendesk', SIBLING],
    [a, 'cli', ADAPTER_UP],
    [a, 'server', ADAPTER_UP],
    [a, 'tenants', ADAPTER_UP],
  ]),
  ...BLOCKS.flatMap((b): [string, string, string][] => [
    [b, 'zendesk', BLOCK_TO_ADAPTER],
    [b, 'jira', BLOCK_TO_ADAPTER],
    [b, 'cli', BLOCK_UP],
    [b, 'server', BLOCK_UP],
  ]),
  ['proposals', 'zendesk', PROPOSALS],
  ['proposals', 'jira', PROPOSALS],
];

describe('import boundaries', () => {
  it.each(forbidden)('refuses an import from connectors/%s into connectors/%s', async (from, to, reason) => {
    const messages = await restrictedImports(`connectors/${from}/x.ts`, `import { x } from '../${to}/x.js';\nexport { x };\n`);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(reason);
  });

  it.each([
    ['connectors/jira/client/x.ts', "import type { CallRecord } from '../../zendesk/client/zendesk-request.js';", SIBLING],
    ['connectors/jira/client/x.ts', "export type { ZendeskTicket } from '../../zendesk/client/index.js';", SIBLING],
    ['connectors/zendesk/backfill/x.ts', "import type { Progress } from '../../cli/progress-bar.js';", ADAPTER_UP],
    ['connectors/http/read-forge-settings.ts', "import { SettingsError } from '../server/read-settings.js';", BLOCK_UP],
  ])('refuses %s: %s', async (file, line, reason) => {
    const messages = await restrictedImports(file, line);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(reason);
  });

  it.each([
    ['connectors/jira/compose-jira.ts', "import type { CallRecord } from '../shared/call-record.js';\nimport type { HelpdeskPort } from '../core/helpdesk-port.js';"],
    ['connectors/jira/client/x.ts', "import { createCloudClient } from 'jira.js';"],
    ['connectors/zendesk/client/x.ts', "import type { ZendeskAuth } from './zendesk-auth.js';\nimport type { ZendeskCustomField } from '../zendesk-types.js';"],
    ['connectors/http/read-forge-settings.ts', "import { SettingsError } from '../shared/settings-error.js';"],
    ['connectors/proposals/x.ts', "import type { HelpdeskPort } from '../core/helpdesk-port.js';\nimport type { Store } from '../store/store.js';"],
    ['connectors/server/x.ts', "import { createZendeskHelpdesk } from '../zendesk/create-zendesk-helpdesk.js';\nimport { createProgress } from '../cli/progress-bar.js';"],
    ['connectors/cli/x.ts', "import { createJiraHelpdesk } from '../jira/create-jira-helpdesk.js';\nimport { startService } from '../server/start-service.js';"],
  ])('lets %s import down or beside itself', async (file, lines) => {
    expect(await restrictedImports(file, lines)).toEqual([]);
  });

  // A rule keyed to a folder that was renamed guards nothing and passes silently.
  it.each(['zendesk', 'jira', 'cli', 'server', 'tenants', 'core', 'shared', 'store', 'config', 'http', 'proposals'])(
    'guards connectors/%s, which exists',
    (folder) => {
      expect(existsSync(path.join(root, 'connectors', folder))).toBe(true);
    },
  );
});
