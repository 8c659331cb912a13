// The Forge Remote settings from the environment: FORGE_APP_ID (the app's ARI from manifest.yml),
// FORGE_JWKS_URL (Atlassian's key set; tests point it at a loopback server) and FORGE_INSTALLATION_IDS
// (optional allow-list). Errors name the variable, never the value.
import { SettingsError } from '../shared/settings-error.js';
import { FORGE_JWKS_URL } from './verify-forge-invocation-token.js';

export interface ForgeSettings {
  readonly appId: string;
  readonly jwksUrl: string;
  readonly installations: readonly string[];
}

const APP_ARI = /^ari:cloud:ecosystem::app\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** A SettingsError, so `inscope serve` reports it like any other bad variable (exit code, no stack). */
export class ForgeSettingsError extends SettingsError {
  constructor(problem: string) {
    super([problem]);
    this.name = 'ForgeSettingsError';
  }
}

/** Null when FORGE_APP_ID is unset: the Jira sidebar API then answers 503 not_configured. */
export function readForgeSettings(env: NodeJS.ProcessEnv = process.env): ForgeSettings | null {
  const appId = env['FORGE_APP_ID']?.trim() ?? '';
  if (appId === '') return null;
  if (!APP_ARI.test(appId)) throw new ForgeSettingsError('FORGE_APP_ID: expected the app ARI from manifest.yml, ari:cloud:ecosystem::app/<uuid>');
  const jwksUrl = env['FORGE_JWKS_URL']?.trim() || FORGE_JWKS_URL;
  let url: URL;
  try {
    url = new URL(jwksUrl);
  } catch {
    throw new ForgeSettingsError('FORGE_JWKS_URL: expected an absolute URL');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) throw new ForgeSettingsError('FORGE_JWKS_URL: expected https (plain http only on loopback)');
  const installations = (env['FORGE_INSTALLATION_IDS'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return { appId, jwksUrl, installations };
}
