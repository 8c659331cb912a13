// The starter config that `inscope init` writes for the example world (examples/products.yaml and
// examples/contracts.csv): what a new administrator starts from, so the evaluation measures it.
import fs from 'node:fs';
import path from 'node:path';
import { initConfig } from '../../connectors/cli/commands/init.js';
import { parseConfig, type LoadedConfig } from '../../connectors/config/load-config.js';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * The starter config of another world (test/eval/worlds/NAME): the products and contracts its
 * administrator wrote for `inscope init`, and the vendor and rate in its world.json.
 */
export function worldStarterConfig(dir: string): LoadedConfig {
  const world = JSON.parse(fs.readFileSync(path.join(dir, 'world.json'), 'utf8')) as { vendor: string; rate: string };
  const text = initConfig({
    products: path.join(dir, 'products.yaml'),
    contracts: path.join(dir, 'contracts.csv'),
    vendor: world.vendor,
    rate: world.rate,
  });
  return parseConfig(text, `starter config (inscope init, ${path.basename(dir)})`);
}

export function starterConfig(): LoadedConfig {
  const text = initConfig({
    products: path.join(root, 'examples/products.yaml'),
    contracts: path.join(root, 'examples/contracts.csv'),
    vendor: 'Veldhuis Software B.V.',
    rate: '135',
  });
  return parseConfig(text, 'starter config (inscope init)');
}
