import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { zodToJsonSchema } from 'zod-to-json-schema';
import { KMOP_KIND_NAMES, KMOP_KINDS } from '../model/constants';
import { generateKmopCrds, kmopCrdFileName } from './crds';
import { renderCrdYaml } from './crdYaml';
import { StructuralSchema } from './structuralSchema';

const packageDir = path.resolve(__dirname, '../..');
const crdDir = path.join(packageDir, 'crds');
const crds = generateKmopCrds(zodToJsonSchema);
const REGENERATE = 'yarn workspace @kmop/plugin-kmop-common generate:crds';

function schemaOf(kind: string): StructuralSchema {
  const crd = crds.find(c => c.spec.names.kind === kind);
  if (!crd) {
    throw new Error(`No CRD for ${kind}`);
  }
  return crd.spec.versions[0].schema.openAPIV3Schema;
}

/** Every node of a schema with its path. */
function nodes(
  schema: StructuralSchema,
  at = '',
): [string, StructuralSchema][] {
  return [
    [at, schema],
    ...(schema.items ? nodes(schema.items, `${at}[]`) : []),
    ...Object.entries(schema.properties ?? {}).flatMap(([name, child]) =>
      nodes(child, at ? `${at}.${name}` : name),
    ),
    ...(schema.additionalProperties
      ? nodes(schema.additionalProperties, `${at}.*`)
      : []),
  ];
}

describe('generated CRDs', () => {
  it('match the committed files in crds/', () => {
    const expected = new Map(
      crds.map(crd => [
        kmopCrdFileName(crd.spec.names.kind),
        renderCrdYaml(crd, YAML.stringify),
      ]),
    );
    const committed = fs.existsSync(crdDir) ? fs.readdirSync(crdDir) : [];
    const stale = [
      ...[...expected]
        .filter(
          ([file, text]) =>
            !committed.includes(file) ||
            fs.readFileSync(path.join(crdDir, file), 'utf8') !== text,
        )
        .map(([file]) => file),
      ...committed.filter(file => !expected.has(file)),
    ];
    const state = stale.length
      ? `The CRDs in plugins/kmop-common/crds differ from the schemas (${stale.join(
          ', ',
        )}). Run: ${REGENERATE}`
      : 'up to date';
    expect(state).toBe('up to date');
  });

  it('are valid CustomResourceDefinitions according to kubernetes-models', () => {
    // kubernetes-models ships only ES modules, which Jest's CommonJS runtime cannot load,
    // so plain Node validates them in a child process.
    const script = `
      import { CustomResourceDefinition } from 'kubernetes-models/apiextensions.k8s.io/v1/CustomResourceDefinition';
      let input = '';
      process.stdin.on('data', chunk => (input += chunk));
      process.stdin.on('end', () => {
        const results = JSON.parse(input).map(crd => {
          try {
            new CustomResourceDefinition(crd).validate();
            return { name: crd.metadata.name, ok: true };
          } catch (error) {
            return { name: crd.metadata.name, ok: false, error: String(error.message) };
          }
        });
        process.stdout.write(JSON.stringify(results));
      });
    `;
    const output = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', script],
      { cwd: packageDir, input: JSON.stringify(crds), encoding: 'utf8' },
    );
    expect(JSON.parse(output)).toEqual(
      crds.map(crd => ({ name: crd.metadata.name, ok: true })),
    );
  });

  it('fails kubernetes-models validation for a broken CRD, so the check above can fail', () => {
    const broken = { ...crds[0], spec: { ...crds[0].spec, scope: undefined } };
    const script = `
      import { CustomResourceDefinition } from 'kubernetes-models/apiextensions.k8s.io/v1/CustomResourceDefinition';
      try { new CustomResourceDefinition(${JSON.stringify(
        broken,
      )}).validate(); process.stdout.write('valid'); }
      catch (error) { process.stdout.write('invalid'); }
    `;
    const output = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', script],
      {
        cwd: packageDir,
        encoding: 'utf8',
      },
    );
    expect(output).toBe('invalid');
  });

  it.each(KMOP_KIND_NAMES.map(kind => [kind]))(
    'gives %s a structural schema',
    kind => {
      const problems: string[] = [];
      for (const [at, node] of nodes(schemaOf(kind))) {
        const where = at || '(root)';
        const raw: Record<string, unknown> = { ...node };
        if (
          !node.type &&
          !node['x-kubernetes-int-or-string'] &&
          !node['x-kubernetes-preserve-unknown-fields']
        ) {
          problems.push(`${where}: no type`);
        }
        if ('$ref' in raw || 'definitions' in raw || '$schema' in raw) {
          problems.push(`${where}: $ref, definitions or $schema`);
        }
        if (raw.additionalProperties === false) {
          problems.push(`${where}: additionalProperties: false`);
        }
        if (node.properties && node.additionalProperties) {
          problems.push(`${where}: properties with additionalProperties`);
        }
        if (node.anyOf) {
          const intOrString =
            node['x-kubernetes-int-or-string'] &&
            JSON.stringify(node.anyOf) ===
              JSON.stringify([{ type: 'integer' }, { type: 'string' }]);
          if (!intOrString) {
            problems.push(`${where}: anyOf other than int-or-string`);
          }
        }
        for (const branch of node.oneOf ?? []) {
          if (Object.keys(branch).join() !== 'required') {
            problems.push(`${where}: oneOf branch with more than required`);
          }
        }
        if (
          'nullable' in raw ||
          'const' in raw ||
          'allOf' in raw ||
          'x-kmop-notes' in raw
        ) {
          problems.push(`${where}: keyword Kubernetes does not take`);
        }
        for (const key of node['x-kubernetes-list-map-keys'] ?? []) {
          if (!node.items?.required?.includes(key)) {
            problems.push(`${where}: list map key ${key} is not required`);
          }
        }
        if (
          at.split('.').length > 1 &&
          !at.endsWith('[]') &&
          !node.description
        ) {
          problems.push(`${where}: no description`);
        }
      }
      expect(problems).toEqual([]);
    },
  );

  it('restricts the root the way the API server requires', () => {
    for (const kind of KMOP_KIND_NAMES) {
      const root = schemaOf(kind);
      expect(root.type).toBe('object');
      expect(root.properties?.metadata).toEqual({ type: 'object' });
      expect(root.properties?.apiVersion?.type).toBe('string');
      expect(root.properties?.kind?.type).toBe('string');
      expect(root.required).toEqual(['spec']);
    }
  });

  it('keeps defaults, int-or-string fields and descriptions', () => {
    const rollout = schemaOf('RolloutPolicy').properties?.spec;
    expect(rollout?.properties?.strategy).toMatchObject({
      type: 'string',
      enum: ['rolling', 'canary', 'blueGreen'],
      default: 'rolling',
    });
    expect(rollout?.properties?.rolling?.properties?.maxSurge).toMatchObject({
      'x-kubernetes-int-or-string': true,
      anyOf: [{ type: 'integer' }, { type: 'string' }],
      default: '25%',
      pattern: '^(100|[1-9]?[0-9])%$',
    });
    expect(
      rollout?.properties?.canary?.properties?.steps?.items?.oneOf,
    ).toEqual([
      { required: ['setWeight'] },
      { required: ['pause'] },
      { required: ['analysis'] },
    ]);
    const slo = schemaOf('ServiceLevelObjective').properties?.spec;
    expect(slo?.properties?.objective).toMatchObject({
      type: 'number',
      minimum: 0,
      exclusiveMinimum: true,
      maximum: 100,
      exclusiveMaximum: true,
    });
    expect(slo?.properties?.indicator?.properties?.type?.enum).toEqual([
      'ratio',
      'latency',
    ]);
    expect(slo?.properties?.window?.default).toBe('30d');
  });

  it('names each CRD after its kind and gives it a status subresource and printer columns', () => {
    for (const crd of crds) {
      const kind = crd.spec.names.kind;
      const info = KMOP_KINDS[kind];
      expect(crd.metadata.name).toBe(`${info.plural}.kmop.dev`);
      expect(crd.spec.scope).toBe('Namespaced');
      expect(crd.spec.names).toMatchObject({
        shortNames: info.shortNames,
        categories: ['kmop'],
        listKind: `${kind}List`,
      });
      const version = crd.spec.versions[0];
      expect(version).toMatchObject({
        name: 'v1alpha1',
        served: true,
        storage: true,
      });
      expect(version.subresources).toEqual({ status: {} });
      expect(version.additionalPrinterColumns.map(c => c.name)).toEqual(
        info.printerColumns.map(c => c.name),
      );
    }
  });

  it('points every printer column at a field of the schema', () => {
    for (const kind of KMOP_KIND_NAMES) {
      const paths = new Set(nodes(schemaOf(kind)).map(([at]) => at));
      for (const column of KMOP_KINDS[kind].printerColumns) {
        const field = column.jsonPath.replace(/^\./, '').replace(/\[\?.*$/, '');
        if (field === 'metadata.creationTimestamp') {
          continue;
        }
        expect(
          `${kind} ${column.name}: ${
            paths.has(field) || paths.has(`${field}[]`)
          }`,
        ).toBe(`${kind} ${column.name}: true`);
      }
    }
  });
});
