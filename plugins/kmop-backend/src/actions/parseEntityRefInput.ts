import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

// The catalog's own rules for kinds, namespaces and names (as the router's).
const ENTITY_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/**
 * An entity reference an agent typed (`checkout`, `component:checkout`,
 * `component:default/checkout`), with kind Component and namespace default
 * when left out. A malformed one is an InputError naming the field.
 */
export function parseEntityRefInput(
  value: string,
  field: string,
  defaultKind = 'component',
): CompoundEntityRef {
  let ref: CompoundEntityRef;
  try {
    ref = parseEntityRef(value.trim(), {
      defaultKind,
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new InputError(`${field}: ${(error as Error).message}`);
  }
  for (const [part, text] of Object.entries(ref)) {
    if (text.length > 63 || !ENTITY_PART.test(text)) {
      throw new InputError(
        `${field}: the ${part} "${text}" must be 1–63 letters, digits, "-", "_" or "." and start and end with a letter or digit (e.g. component:default/checkout)`,
      );
    }
  }
  return ref;
}
