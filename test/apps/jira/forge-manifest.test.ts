// The Forge manifest, validated offline with Atlassian's own validator (@forge/manifest, full
// validation): the built dist/jira/manifest.yml with its static folder must pass, and a broken one
// must be refused with the line and column of the problem.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildJiraApp, connectorPathPrefix, parseProjectKeys, renderManifest, SOURCE_MANIFEST, STATIC_DIR } from '../../../apps/jira/scripts/build-jira-app.js';
import { validateForgeManifest } from '../../../apps/jira/scripts/validate-forge-manifest.js';

const source = fs.readFileSync(SOURCE_MANIFEST, 'utf8');
let dir: string;
let built: string;
let validation: Awaited<ReturnType<typeof validateForgeManifest>>;

// Building the validator compiles Forge's whole manifest schema with ajv: seconds of CPU, once per
// process (the processor is cached), so it happens here and not inside a test's time budget.
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-forge-'));
  built = (await buildJiraApp(path.join(dir, 'jira'), 'https://inscope.veldhuis-software.nl/t/veldhuis', ['SUP', 'HELP'])).outDir;
  validation = await validateForgeManifest(path.join(built, 'manifest.yml'));
}, 180_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A copy of the built app folder with its manifest replaced. */
function variant(name: string, manifest: string): string {
  const target = path.join(dir, name);
  fs.cpSync(built, target, { recursive: true });
  fs.writeFileSync(path.join(target, 'manifest.yml'), manifest);
  return path.join(target, 'manifest.yml');
}

describe('the Forge app folder', () => {
  it('holds the manifest and the Custom UI page with its script and stylesheet', () => {
    const files = fs.readdirSync(path.join(built, STATIC_DIR));
    expect(fs.existsSync(path.join(built, 'manifest.yml'))).toBe(true);
    expect(files).toContain('index.html');
    expect(files.some((f) => /^inscope-.*\.js$/.test(f))).toBe(true);
    expect(files.some((f) => /^inscope-.*\.css$/.test(f))).toBe(true);
  });

  it('passes full validation with @forge/manifest', async () => {
    expect(validation).toEqual({ success: true, errors: [] });
  });

  it('wires the issue context panel to the remote through the endpoint, with the connector origin as baseUrl', () => {
    const m = parse(fs.readFileSync(path.join(built, 'manifest.yml'), 'utf8')) as {
      app: { id: string };
      modules: { 'jira:issueContext': { resource: string; resolver: { endpoint: string } }[]; endpoint: { key: string; remote: string }[] };
      remotes: { key: string; baseUrl: string; operations: string[] }[];
      resources: { key: string; path: string }[];
      permissions: { scopes: string[] };
    };
    const [panel] = m.modules['jira:issueContext'];
    const endpoint = m.modules.endpoint.find((e) => e.key === panel!.resolver.endpoint);
    const remote = m.remotes.find((r) => r.key === endpoint?.remote);
    expect(remote).toEqual({ key: 'inscope-connector', baseUrl: 'https://inscope.veldhuis-software.nl', operations: ['compute'] });
    expect(m.resources.find((r) => r.key === panel!.resource)?.path).toBe(STATIC_DIR);
    expect(m.app.id).toBe('ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000');
    expect(m.permissions.scopes).toEqual([]);
  });

  it('bakes the connector URL\'s path (a tenant\'s /t/<id>) into the page, as Forge Remote\'s baseUrl is an origin', () => {
    const script = fs.readdirSync(path.join(built, STATIC_DIR)).find((f) => /^inscope-.*\.js$/.test(f))!;
    expect(fs.readFileSync(path.join(built, STATIC_DIR, script), 'utf8')).toContain('/t/veldhuis');
    expect(connectorPathPrefix('https://inscope.example.com/')).toBe('');
    expect(connectorPathPrefix('https://inscope.example.com/t/acme/')).toBe('/t/acme');
  });

  it('shows the panel only to agents in the service projects it was built for (display conditions)', () => {
    const m = parse(fs.readFileSync(path.join(built, 'manifest.yml'), 'utf8')) as { modules: { 'jira:issueContext': { displayConditions: unknown }[] } };
    expect(m.modules['jira:issueContext'][0]!.displayConditions).toEqual({ projectType: 'service_desk', canUseServiceManagementAgentFeatures: true, projectKey: ['SUP', 'HELP'] });
  });

  it('keeps the comments of the source manifest', () => {
    expect(fs.readFileSync(path.join(built, 'manifest.yml'), 'utf8')).toContain('`forge register` (run in dist/jira/) writes the real id here');
  });
});

describe('renderManifest', () => {
  it('leaves the source as it is without a connector URL', () => {
    expect(renderManifest(source, undefined)).toBe(source);
  });

  it('limits the panel to service projects even without a project list', () => {
    const m = parse(renderManifest(source, 'https://inscope.example.com')) as { modules: { 'jira:issueContext': { displayConditions: unknown }[] } };
    expect(m.modules['jira:issueContext'][0]!.displayConditions).toEqual({ projectType: 'service_desk', canUseServiceManagementAgentFeatures: true });
  });

  it('reads INSCOPE_JIRA_PROJECTS and refuses what is not a project key', () => {
    expect(parseProjectKeys(' SUP, HELP ,SUP')).toEqual(['SUP', 'HELP']);
    expect(parseProjectKeys(undefined)).toEqual([]);
    expect(() => parseProjectKeys('SUP,sup-1')).toThrow(/"sup-1" is not a Jira project key/);
  });

  it('refuses a plain-http connector: Forge Remote needs https', () => {
    expect(() => renderManifest(source, 'http://inscope.example.com')).toThrow(/must be https/);
  });
});

describe('validateForgeManifest refuses a broken manifest and says where', () => {
  it.each<[string, (s: string) => string, RegExp]>([
    ['a YAML syntax error', (s) => s.replace('    - key: inscope-issue-context', '    - key: inscope-issue-context\n     bad: [indent'), /invalid|YAML|manifest/i],
    ['an endpoint naming a remote that does not exist', (s) => s.replace('      remote: inscope-connector', '      remote: nowhere'), /nowhere|remote/i],
    ['a panel without a title', (s) => s.replace('      title: InScope\n', ''), /title/i],
    ['a resource folder that is not there', (s) => s.replace('path: static/sidebar', 'path: static/missing'), /static\/missing/],
  ])('%s', async (name, edit, message) => {
    const result = await validateForgeManifest(variant(name.replace(/\W+/g, '-'), edit(source)));
    expect(result.success).toBe(false);
    expect(result.errors.length).toBeGreaterThan(0);
    expect(result.errors.map((e) => e.message).join('\n')).toMatch(message);
    expect(result.errors.some((e) => e.line > 0 && e.column >= 0)).toBe(true);
  });

  it('names the line of a YAML syntax error', async () => {
    const lines = source.split('\n');
    const at = lines.findIndex((l) => l.includes('resource: sidebar'));
    lines.splice(at + 1, 0, '      label: [unclosed');
    const result = await validateForgeManifest(variant('yaml-line', lines.join('\n')));
    expect(result.success).toBe(false);
    expect(result.errors[0]!.line).toBeGreaterThanOrEqual(at + 2);
  });
});
