// Finds, loads and compiles the coverage config for a CLI command; config errors become exit code 1.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileRules, type Engine } from '../../rules/index.js';
import { ConfigError } from '../config/config-error.js';
import { compileOptions, loadConfig, type LoadedConfig } from '../config/load-config.js';
import { CliError, EXIT } from './cli-error.js';

/** The folder with package.json: the same whether this runs from the sources or from dist/node/. */
export const projectRoot = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));

function findProjectRoot(dir: string): string {
  for (let current = dir; ; current = path.dirname(current)) {
    if (fs.existsSync(path.join(current, 'package.json'))) return current;
    if (path.dirname(current) === current) return path.resolve(dir, '../..');
  }
}
export const defaultConfigPath = path.join(projectRoot, 'examples', 'coverage.yaml');

export function resolveConfigPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag ?? (env.INSCOPE_CONFIG || defaultConfigPath);
}

export async function loadCliConfig(flag: string | undefined): Promise<{ loaded: LoadedConfig; engine: Engine }> {
  const file = resolveConfigPath(flag);
  let loaded: LoadedConfig;
  try {
    loaded = await loadConfig(file);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(`invalid config\n${error.message}`, EXIT.invalid);
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new CliError(`config file not found: ${file}`, EXIT.invalid);
    throw error;
  }
  return { loaded, engine: compileRules(loaded.config, compileOptions(loaded)) };
}
