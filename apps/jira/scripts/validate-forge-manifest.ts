// Validates a Forge manifest offline with Atlassian's own validator, @forge/manifest (what
// `forge lint` runs, minus the login): YAML, the JSON schema, module references, remotes and the
// resource folders on disk. Usage: node --import tsx apps/jira/scripts/validate-forge-manifest.ts [dist/jira/manifest.yml]
import path from 'node:path';
import { ProcessorBuilder, ValidationTypes } from '@forge/manifest';

export interface ManifestProblem {
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

export interface ManifestValidation {
  readonly success: boolean;
  readonly errors: readonly ManifestProblem[];
}

export async function validateForgeManifest(file: string): Promise<ManifestValidation> {
  const result = await ProcessorBuilder.instance().withValidation(ValidationTypes.FULL).build().process(path.resolve(file));
  return {
    success: result.success,
    errors: (result.errors ?? []).map((e) => ({ message: e.message, line: e.line ?? 0, column: e.column ?? 0 })),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const file = process.argv[2] ?? 'dist/jira/manifest.yml';
  const { success, errors } = await validateForgeManifest(file);
  for (const e of errors) console.error(`${file}:${e.line}:${e.column} ${e.message}`);
  console.log(success ? `${file}: valid Forge manifest (full validation)` : `${file}: ${errors.length} problem(s)`);
  process.exitCode = success ? 0 : 1;
}
