import { KmopCustomResourceDefinition } from './crds';

/** `stringify` of the yaml package (a devDependency, hence passed in). */
export type YamlStringify = (
  value: unknown,
  options: { lineWidth: number; singleQuote: boolean },
) => string;

/** The header every generated CRD file starts with. */
export const CRD_FILE_HEADER = [
  '# Generated from the zod schemas in plugins/kmop-common/src/model. Do not edit by hand.',
  '# Regenerate with: yarn workspace @kmop/plugin-kmop-common generate:crds',
].join('\n');

/**
 * The committed form of a CRD: the header, then YAML in the key order the generator builds
 * (declaration order of the schemas), without line folding so diffs stay line by line, and
 * single-quoted like Prettier writes YAML, so formatting the file changes nothing.
 */
export function renderCrdYaml(
  crd: KmopCustomResourceDefinition,
  stringify: YamlStringify,
): string {
  return `${CRD_FILE_HEADER}\n${stringify(crd, {
    lineWidth: 0,
    singleQuote: true,
  })}`;
}
