// The connector URL a build is for. `npm run build` bakes it into both apps: its host goes into the
// Zendesk manifest's domainWhitelist (Zendesk's proxy sends the sidebar's secure requests only to
// listed domains, PLATFORM.md "App → backend auth") and it becomes the Forge remote's baseUrl. A
// build without it would look fine and fail on every sidebar call, so there is no default.
import { BuildError } from './build-error.js';

const EXAMPLE = 'INSCOPE_CONNECTOR_URL=https://inscope.your-company.com npm run build';

export function readConnectorUrl(env: NodeJS.ProcessEnv = process.env): URL {
  const raw = env['INSCOPE_CONNECTOR_URL']?.trim();
  if (!raw) {
    throw new BuildError(
      `INSCOPE_CONNECTOR_URL is not set. The build needs the connector's public URL, e.g.\n  ${EXAMPLE}\n` +
        "Its host goes into the Zendesk app's domainWhitelist and it is the Forge app's remote: built without it, every sidebar call would fail.",
    );
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new BuildError(`INSCOPE_CONNECTOR_URL: expected an https URL such as https://inscope.your-company.com, got ${JSON.stringify(raw)}`);
  }
  // Zendesk's proxy and Forge Remote both call the connector from the internet, over https.
  if (url.protocol !== 'https:') throw new BuildError(`INSCOPE_CONNECTOR_URL: expected an https URL (Zendesk's proxy and Forge Remote call the connector over https), got ${JSON.stringify(raw)}`);
  if (url.search || url.hash || url.username || url.password) throw new BuildError(`INSCOPE_CONNECTOR_URL: expected the connector's base URL without query, fragment or credentials, got ${JSON.stringify(url.origin + url.pathname + '…')}`);
  return url;
}
