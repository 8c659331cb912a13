// Reads a webhook payload fixture from test/fixtures/zendesk/webhooks/, raw and parsed.
import { readFileSync } from 'node:fs';

export function loadWebhookFixture(name: string): { readonly raw: Buffer; readonly json: unknown } {
  const raw = readFileSync(new URL(`../../fixtures/zendesk/webhooks/${name}`, import.meta.url));
  return { raw, json: JSON.parse(raw.toString('utf8')) as unknown };
}
