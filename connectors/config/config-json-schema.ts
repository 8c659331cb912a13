// The config's JSON Schema (for `inscope schema` and editors' autocomplete), generated from the zod
// schema so the two cannot drift. Cross-field checks and regex/date validity are not expressible
// there; `inscope check-config` remains the authority.
import * as z from 'zod';
import { configSchema } from './config-schema.js';

export function configJsonSchema(): object {
  return {
    ...z.toJSONSchema(configSchema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any', cycles: 'ref', reused: 'inline' }),
    title: 'InScope coverage config',
  };
}
