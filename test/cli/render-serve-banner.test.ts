import { describe, expect, it } from 'vitest';
import { renderServeBanner, type ServeBannerInput } from '../../connectors/cli/render-serve-banner.js';

const URL = 'http://localhost:8080';
const jiraOnly: ServeBannerInput = {
  url: URL,
  zendesk: { mode: 'shadow', subdomain: null, credentials: false, secretSource: 'none' },
  jira: { mode: 'live', site: 'veldhuis.atlassian.net', secretSource: 'environment' },
  appSecret: false,
  forgeAppId: true,
};

describe('renderServeBanner', () => {
  it('calls a live Jira-only deployment live, lists its endpoints and says nothing of shadow', () => {
    const lines = renderServeBanner(jiraOnly);
    expect(lines).toContain('Jira: LIVE on veldhuis.atlassian.net: decisions are written to issues.');
    expect(lines).toContain(`  webhook     POST ${URL}/webhooks/jira`);
    expect(lines).toContain(`  sidebar API      ${URL}/api/v1/jira/tickets/:key/verdict`);
    expect(lines).toContain('Zendesk: not set up (no ZENDESK_* settings).');
    expect(lines.join('\n')).not.toMatch(/SHADOW|NOTHING|webhooks\/zendesk|INSCOPE_APP_SECRET/);
  });

  it('says per helpdesk which one writes and which one only records', () => {
    const lines = renderServeBanner({ ...jiraOnly, zendesk: { mode: 'live', subdomain: 'acme', credentials: true, secretSource: 'environment' }, jira: { mode: 'shadow', site: null, secretSource: 'store' }, appSecret: true });
    expect(lines[0]).toBe('Zendesk: LIVE on acme.zendesk.com: decisions are written to tickets.');
    expect(lines).toContain(`  webhook     POST ${URL}/webhooks/zendesk`);
    expect(lines.find((l) => l.startsWith('Jira:'))).toMatch(/^Jira: SHADOW\..*NOTHING is written to Jira\.$/);
    expect(lines).toContain('Jira webhook signing secret: the one `inscope jira setup` stored.');
    expect(lines).toContain(`  webhook     POST ${URL}/webhooks/jira`);
  });

  it('warns about what makes an endpoint refuse everything', () => {
    const lines = renderServeBanner({ ...jiraOnly, jira: { ...jiraOnly.jira, secretSource: 'none' }, forgeAppId: false });
    expect(lines).toContain('Warning: JIRA_WEBHOOK_SECRET is not set (and `inscope jira setup` stored none): every Jira delivery is refused until it is.');
    expect(lines).toContain('Warning: FORGE_APP_ID is not set: the Jira sidebar API answers 503 until it is.');
  });
});
