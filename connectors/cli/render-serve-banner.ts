// What `inscope serve` says at start for a single-account deployment: per helpdesk whether it is
// live, shadow or not set up, and the endpoints that are served. A Jira-only deployment is not
// "shadow" because Zendesk has no credentials: each helpdesk is described by its own state.

export type SecretSource = 'environment' | 'store' | 'none';

export interface ServeBannerInput {
  readonly url: string;
  readonly zendesk: { readonly mode: 'live' | 'shadow'; readonly subdomain: string | null; readonly credentials: boolean; readonly secretSource: SecretSource };
  readonly jira: { readonly mode: 'live' | 'shadow'; readonly site: string | null; readonly secretSource: SecretSource };
  readonly appSecret: boolean;
  readonly forgeAppId: boolean;
}

function zendeskLines(z: ServeBannerInput['zendesk'], url: string, appSecret: boolean): string[] {
  if (!z.credentials && z.subdomain === null && z.secretSource === 'none') return ['Zendesk: not set up (no ZENDESK_* settings).'];
  const lines = [
    z.mode === 'live'
      ? `Zendesk: LIVE on ${z.subdomain}.zendesk.com: decisions are written to tickets.`
      : 'Zendesk: SHADOW. No Zendesk credentials (or mode: shadow in the config): webhooks are received, triaged and recorded, and NOTHING is written to Zendesk.',
  ];
  if (z.secretSource === 'none') lines.push('Warning: ZENDESK_WEBHOOK_SECRET is not set (and `inscope zendesk setup` stored none): every Zendesk delivery is refused until it is.');
  if (z.secretSource === 'store') lines.push('Zendesk webhook signing secret: the one `inscope zendesk setup` stored.');
  if (!appSecret) lines.push('Warning: INSCOPE_APP_SECRET is not set: the Zendesk sidebar API answers 503 until it is.');
  lines.push(`  webhook     POST ${url}/webhooks/zendesk`, `  sidebar API      ${url}/api/v1/zendesk/tickets/:id/verdict`);
  return lines;
}

function jiraLines(j: ServeBannerInput['jira'], url: string, forgeAppId: boolean): string[] {
  if (j.site === null && j.secretSource === 'none') return ['Jira: not set up (no JIRA_* settings).'];
  const lines = [
    j.mode === 'live'
      ? `Jira: LIVE on ${j.site}: decisions are written to issues.`
      : 'Jira: SHADOW. No Jira credentials, no helpdesks.jira in the config, or mode: shadow: webhooks are received, triaged and recorded, and NOTHING is written to Jira.',
  ];
  if (j.secretSource === 'none') lines.push('Warning: JIRA_WEBHOOK_SECRET is not set (and `inscope jira setup` stored none): every Jira delivery is refused until it is.');
  if (j.secretSource === 'store') lines.push('Jira webhook signing secret: the one `inscope jira setup` stored.');
  if (!forgeAppId) lines.push('Warning: FORGE_APP_ID is not set: the Jira sidebar API answers 503 until it is.');
  lines.push(`  webhook     POST ${url}/webhooks/jira`, `  sidebar API      ${url}/api/v1/jira/tickets/:key/verdict`);
  return lines;
}

export function renderServeBanner(input: ServeBannerInput): string[] {
  return [...zendeskLines(input.zendesk, input.url, input.appSecret), ...jiraLines(input.jira, input.url, input.forgeAppId)];
}
