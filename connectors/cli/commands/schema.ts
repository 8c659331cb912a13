// `inscope schema`: prints the coverage config's JSON Schema, for editors' autocomplete.
import { configJsonSchema } from '../../config/config-json-schema.js';
import { EXIT } from '../cli-error.js';

export async function schemaCommand(_argv: string[]): Promise<number> {
  process.stdout.write(JSON.stringify(configJsonSchema(), null, 2) + '\n');
  return EXIT.ok;
}
