import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { KMOP_KIND_NAMES } from '../model/constants';
import { KMOP_EXAMPLE_MANIFESTS } from './examples';
import { validateKmopResource, validateKmopResources } from '../model/validate';

describe('example manifests', () => {
  it.each(KMOP_KIND_NAMES.map(kind => [kind]))('has a valid %s', kind => {
    const result = validateKmopResource(
      YAML.parse(KMOP_EXAMPLE_MANIFESTS[kind]),
    );
    expect(result).toMatchObject({ ok: true, resource: { kind } });
  });

  it('shows only valid KMOP manifests in the README', () => {
    const readme = fs.readFileSync(
      path.resolve(__dirname, '../../README.md'),
      'utf8',
    );
    const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)]
      .map(match => YAML.parse(match[1]))
      .filter(doc => doc?.apiVersion === 'kmop.dev/v1alpha1');
    expect(blocks.map(doc => doc.kind).sort()).toEqual(
      [...KMOP_KIND_NAMES].sort(),
    );
    expect(validateKmopResources(blocks)).toMatchObject({ ok: true });
  });
});
