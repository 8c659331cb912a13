// The starter config that `inscope init` writes for the example world (examples/products.yaml and
// examples/contracts.csv): what a new administrator starts from, so the evaluation measures it.
import path from 'node:path';
import { initConfig } from '../../connectors/cli/commands/init.js';
import { parseConfig, type LoadedConfig } from '../../connectors/config/load-config.js';

const root = path.resolve(import.meta.dirname, '../..');

export function starterConfig(): LoadedConfig {
  const text = initConfig({
    products: path.join(root, 'examples/products.yaml'),
    contracts: path.join(root, 'examples/contracts.csv'),
    vendor: 'Veldhuis Software B.V.',
    rate: '135',
  });
  return parseConfig(text, 'starter config (inscope init)');
}
