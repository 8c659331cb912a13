// The settings a command for one helpdesk account works on: the environment's, or, in a deployment
// with a tenants file (INSCOPE_TENANTS), those of the tenant INSCOPE_TENANT names. Problems become
// usage errors that name the variable or the file position, never a secret.
import { ConfigError } from '../config/config-error.js';
import { readSettings, type Settings } from '../server/read-settings.js';
import { SettingsError } from '../shared/settings-error.js';
import { loadTenants, type Tenant } from '../tenants/load-tenants.js';
import { CliError, EXIT } from './cli-error.js';

export function readCliSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const settings = readTenantsOrSettings(env, true, false);
  return Array.isArray(settings) ? settings[0]!.settings : settings;
}

/**
 * Every tenant's databases (or the one account's settings), for `inscope migrate`: only the
 * database secrets are read, so a migration job needs no helpdesk credentials.
 */
export function readCliDatabases(env: NodeJS.ProcessEnv = process.env): readonly Tenant[] {
  const settings = readTenantsOrSettings(env, false, true);
  return Array.isArray(settings) ? settings : [{ id: 'default', settings }];
}

function readTenantsOrSettings(env: NodeJS.ProcessEnv, needOne: boolean, databasesOnly: boolean): Settings | Tenant[] {
  try {
    const settings = readSettings(env);
    if (!settings.tenantsFile) return settings;
    const only = env.INSCOPE_TENANT?.trim() || undefined;
    if (needOne && only === undefined) throw new SettingsError(['INSCOPE_TENANT: required with INSCOPE_TENANTS: name the tenant this command is for']);
    return loadTenants(settings.tenantsFile, settings, env, { ...(only !== undefined && { only }), databasesOnly });
  } catch (error) {
    if (error instanceof SettingsError) throw new CliError(error.message, EXIT.invalid);
    if (error instanceof ConfigError) throw new CliError(`invalid tenants file\n${error.message}`, EXIT.invalid);
    throw error;
  }
}
