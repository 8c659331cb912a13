// Whether the service writes to Zendesk: live with credentials unless the config says shadow. The
// service decides it at start; commands that read its data (`inscope budget report`) decide it the
// same way, so that they show the month as the service counts it.
import type { Settings } from './read-settings.js';

export function serviceMode(configured: string, settings: Pick<Settings, 'zendesk'>): 'live' | 'shadow' {
  return configured === 'shadow' || !settings.zendesk ? 'shadow' : 'live';
}
