import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '../../connectors/config/config-json-schema.js';

interface JsonSchema {
  readonly $defs?: Record<string, JsonSchema>;
  readonly properties?: Record<string, JsonSchema>;
  readonly items?: JsonSchema;
  readonly anyOf?: readonly JsonSchema[];
  readonly required?: readonly string[];
  readonly additionalProperties?: unknown;
  readonly $ref?: string;
  readonly default?: unknown;
}

describe('configJsonSchema', () => {
  const schema = configJsonSchema() as JsonSchema;

  it('describes the top level as a closed object with version, vendor and defaults required', () => {
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['version', 'vendor', 'defaults']);
    expect(Object.keys(schema.properties ?? {})).toEqual([
      'version', 'vendor', 'defaults', 'facts', 'contracts', 'completeness', 'kinds', 'coverage', 'helpdesks', 'connector', 'proposals',
    ]);
  });

  it('describes conditions once, recursively, with one alternative per kind', () => {
    const condition = schema.$defs?.['Condition'];
    expect(condition?.anyOf?.map((alternative) => alternative.required?.[0])).toEqual([
      'all', 'any', 'not', 'fact', 'text', 'tags', 'attachments', 'contract', 'contractLevel', 'kind',
    ]);
    expect(condition?.anyOf?.[0]?.properties?.['all']?.items?.$ref).toBe('#/$defs/Condition');
    const coverageRule = schema.properties?.['coverage']?.items;
    expect(coverageRule?.properties?.['when']?.$ref).toBe('#/$defs/Condition');
    expect(coverageRule?.required).toEqual(['id', 'when', 'verdict', 'reason']);
  });

  it('shows the connector defaults to editors', () => {
    const connector = schema.properties?.['connector']?.properties ?? {};
    expect(Object.fromEntries(Object.entries(connector).map(([key, value]) => [key, value.default]))).toEqual({
      mode: 'auto', pathGuard: 'revert', requestMissingInfo: true, tagPrefix: 'inscope_',
    });
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});
