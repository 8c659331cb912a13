// `npm run build` is for one named connector URL or it does not run: the scripts as npm runs them,
// in child processes. Without INSCOPE_CONNECTOR_URL (or with one Zendesk's proxy and Forge Remote
// cannot call) they exit 1 with the reason and write nothing; with one they say which.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readConnectorUrl } from '../../../apps/scripts/read-connector-url.js';

const root = path.resolve(import.meta.dirname, '../../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-build-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const STACK = /^\s+at .+:\d+:\d+\)?$/m;

function script(file: string, out: string, url: string | undefined) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'INSCOPE_CONNECTOR_URL'));
  const result = spawnSync(process.execPath, ['--import', 'tsx', file, out], { cwd: root, encoding: 'utf8', env: { ...env, ...(url !== undefined && { INSCOPE_CONNECTOR_URL: url }) }, timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run build without a usable connector URL', () => {
  it.each([
    ['apps/zendesk/scripts/build-zendesk-app.ts', undefined, 'npm run build: INSCOPE_CONNECTOR_URL is not set. The build needs the connector\'s public URL'],
    ['apps/zendesk/scripts/build-zendesk-app.ts', '  ', 'INSCOPE_CONNECTOR_URL is not set'],
    ['apps/zendesk/scripts/build-zendesk-app.ts', 'inscope.your-company.com', 'INSCOPE_CONNECTOR_URL: expected an https URL such as https://inscope.your-company.com, got "inscope.your-company.com"'],
    ['apps/zendesk/scripts/build-zendesk-app.ts', 'http://inscope.your-company.com', 'INSCOPE_CONNECTOR_URL: expected an https URL'],
    ['apps/jira/scripts/build-jira-app.ts', undefined, 'npm run build:jira: INSCOPE_CONNECTOR_URL is not set'],
    ['apps/jira/scripts/build-jira-app.ts', 'http://inscope.your-company.com', 'INSCOPE_CONNECTOR_URL: expected an https URL'],
  ])('%s with %j exits 1 with the reason and builds nothing', (file, url, message) => {
    const out = path.join(tmp, `refused-${path.basename(file)}`);
    const { code, stderr } = script(file, out, url);
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(STACK);
    expect(code).toBe(1);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('never echoes credentials put into the URL', () => {
    expect(() => readConnectorUrl({ INSCOPE_CONNECTOR_URL: 'https://admin:hunter2@inscope.your-company.com/' })).toThrow(/without query, fragment or credentials/);
    expect(() => readConnectorUrl({ INSCOPE_CONNECTOR_URL: 'https://admin:hunter2@inscope.your-company.com/' })).not.toThrow(/hunter2/);
  });
});

describe('npm run build for a named connector URL', () => {
  it('builds the Zendesk app with that host in domainWhitelist and says which URL it built for', () => {
    const out = path.join(tmp, 'zendesk');
    const { code, stdout, stderr } = script('apps/zendesk/scripts/build-zendesk-app.ts', out, 'https://inscope.veldhuis-software.nl');
    expect(stderr).not.toMatch(STACK);
    expect(code).toBe(0);
    expect(stdout).toContain('for the connector at https://inscope.veldhuis-software.nl/ (INSCOPE_CONNECTOR_URL): domainWhitelist ["inscope.veldhuis-software.nl"]');
    expect(JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'))).toMatchObject({ domainWhitelist: ['inscope.veldhuis-software.nl'] });
  }, 120_000);
});
