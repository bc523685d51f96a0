import { KmopKind } from '../constants';
import { KmopValidationError } from '../issues';
import { KmopResource, KmopResourceOfKind } from '../resource';
import { validateKmopResource } from '../validate';

/** A KMOP document of `kind` with the given spec, named payments-api in namespace payments. */
export function manifest(
  kind: KmopKind,
  spec: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    apiVersion: 'kmop.dev/v1alpha1',
    kind,
    metadata: { name: 'payments-api', namespace: 'payments' },
    spec,
    ...extra,
  };
}

function isKind<K extends KmopKind>(
  resource: KmopResource,
  kind: K,
): resource is KmopResourceOfKind<K> {
  return resource.kind === kind;
}

/** The validated resource; fails the test with the errors when there are any. */
export function expectValid<K extends KmopKind>(
  kind: K,
  input: unknown,
): KmopResourceOfKind<K> {
  const result = validateKmopResource(input);
  if (!result.ok) {
    throw new Error(
      `Expected a valid ${kind}, got ${JSON.stringify(result.errors)}`,
    );
  }
  if (!isKind(result.resource, kind)) {
    throw new Error(`Expected a ${kind}, got a ${result.resource.kind}`);
  }
  return result.resource;
}

/** The errors of an invalid document; fails the test when it is valid. */
export function errorsOf(input: unknown): KmopValidationError[] {
  const result = validateKmopResource(input);
  if (result.ok) {
    throw new Error(`Expected errors, got a valid ${result.resource.kind}`);
  }
  return result.errors;
}
