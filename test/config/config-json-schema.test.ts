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
  readonly type?: string;
}

describe('configJsonSchema', () => {
  const schema = configJsonSchema() as JsonSchema;

  it('describes the top level as a closed object with version, vendor and defaults required', () => {
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['version', 'vendor', 'defaults']);
    expect(Object.keys(schema.properties ?? {})).toEqual([
      'version', 'vendor', 'defaults', 'products', 'facts', 'conditions', 'contracts', 'completeness', 'kinds', 'model', 'coverage', 'review',
      'helpdesks', 'connector', 'proposals',
    ]);
  });

  it('describes conditions once, recursively, with one alternative per kind', () => {
    const condition = schema.$defs?.['Condition'];
    expect(condition?.anyOf?.map((alternative) => alternative.required?.[0])).toEqual([
      'all', 'any', 'not', 'fact', 'text', 'tags', 'attachments', 'contract', 'contractLevel', 'kind', 'condition',
    ]);
    expect(condition?.anyOf?.[0]?.properties?.['all']?.items?.$ref).toBe('#/$defs/Condition');
    const coverageRule = schema.properties?.['coverage']?.items;
    expect(coverageRule?.properties?.['when']?.$ref).toBe('#/$defs/Condition');
    expect(coverageRule?.required).toEqual(['id', 'when', 'verdict', 'reason']);
  });

  it('describes the catalogue, named conditions, caseSensitive and the review reason', () => {
    const product = schema.properties?.['products']?.items;
    expect(product?.required).toEqual(['id']);
    expect(Object.keys(product?.properties ?? {})).toEqual(['id', 'name', 'aliases', 'modules', 'versioned', 'versionPatterns', 'prereleases']);
    expect(product?.properties?.['modules']?.items?.required).toEqual(['id']);
    expect((schema.properties?.['conditions']?.additionalProperties as JsonSchema | undefined)?.$ref).toBe('#/$defs/Condition');
    const condition = schema.$defs?.['Condition']?.anyOf ?? [];
    const text = condition.find((c) => c.required?.[0] === 'text')?.properties?.['text'];
    expect(text?.properties?.['caseSensitive']).toMatchObject({ type: 'boolean' });
    expect(condition.find((c) => c.required?.[0] === 'fact')?.properties?.['caseSensitive']).toMatchObject({ type: 'boolean' });
    expect(schema.properties?.['facts']?.additionalProperties).toMatchObject({ properties: { caseSensitive: { type: 'boolean' } } });
    expect(schema.properties?.['review']?.required).toEqual(['reason']);
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
