import { InputError } from '@backstage/errors';
import {
  compileToNative,
  KmopCompileError,
  NativeObject,
} from '@kmop/plugin-kmop-common';
import { validateNativeObjects } from '../manifests/validateNative';
import { BuiltResource, buildKmopResources } from './buildResources';
import type { GenerateInput } from './inputSchema';

/**
 * One generated object: the object itself and the document to write for it.
 *
 * @public
 */
export interface GeneratedManifest {
  object: {
    apiVersion: string;
    kind: string;
    metadata: { name: string; namespace?: string };
  };
  /** What to write: for KMOP resources only what the input set, no defaults. */
  document: object;
}

/**
 * What {@link generateManifests} produced.
 *
 * @public
 */
export interface GeneratedManifests {
  manifests: GeneratedManifest[];
  /** Things a person should know that do not stop generation. */
  warnings: string[];
}

/** Input sections of the KMOP kinds, for compile errors. */
const SECTION: Record<string, string> = {
  Microservice: 'input',
  GatewayRoute: 'input.routes',
  ServiceLevelObjective: 'input.slo',
  RolloutPolicy: 'input.rollout',
  ResiliencePolicy: 'input.resilience',
};

function compileError(
  error: KmopCompileError,
  built: BuiltResource[],
): InputError {
  const [kind, name] = error.resource.split(' ');
  const from = built.find(
    b => b.resource.kind === kind && b.resource.metadata.name === name,
  );
  // Errors about which targets can take a resource are about the flavour.
  const field =
    /target/.test(error.message) || error.path === ''
      ? 'input.flavour'
      : from?.inputField ?? SECTION[kind] ?? 'input';
  return new InputError(`${field}: ${error.message}`);
}

async function nativeErrors(objects: NativeObject[]): Promise<string[]> {
  const errors: string[] = [];
  const results = await validateNativeObjects(objects);
  for (const [i, object] of objects.entries()) {
    const result = results[i];
    const id = `${object.kind} ${object.metadata.name}`;
    if (result.status === 'invalid') {
      errors.push(...result.errors.map(e => `${id}: ${e.path} ${e.message}`));
    } else if (result.status === 'unknown') {
      errors.push(
        `${id}: no schema is known for ${object.apiVersion} ${object.kind}`,
      );
    }
  }
  return errors;
}

/**
 * The golden path's manifests for a parsed input: the KMOP resources, or the
 * native manifests they compile to, every one validated. Writes nothing;
 * throws an `InputError` naming the input field on any problem.
 *
 * @public
 */
export async function generateManifests(
  input: GenerateInput,
): Promise<GeneratedManifests> {
  const built = buildKmopResources(input);
  if (input.flavour === 'kmop') {
    return {
      manifests: built.map(b => ({ object: b.resource, document: b.document })),
      warnings: [],
    };
  }
  let compiled;
  try {
    compiled = compileToNative(
      built.map(b => b.resource),
      { targets: input.flavour, prometheusAddress: input.prometheusAddress },
    );
  } catch (error) {
    if (error instanceof KmopCompileError) throw compileError(error, built);
    throw error;
  }
  const errors = await nativeErrors(compiled.objects);
  if (errors.length > 0) {
    throw new InputError(
      `generated manifests are not valid: ${errors.join('; ')}`,
    );
  }
  return {
    manifests: compiled.objects.map(o => ({ object: o, document: o })),
    warnings: compiled.warnings,
  };
}
