import type { KmopItemBase } from '@kmop/plugin-kmop-common';

/**
 * ` · generation 7, observed 6` — only what the object carries: nothing about observation
 * for kinds that have no such field, "not reported" where the field is optional.
 */
export function describeGeneration(item: KmopItemBase): string {
  if (item.generation === undefined) return '';
  let observed = '';
  if (item.observedGeneration !== undefined) {
    observed = `, observed ${item.observedGeneration}`;
  } else if (item.observedGenerationField === 'optional') {
    observed = ', observed generation not reported';
  } else if (item.observedGenerationField !== 'none') {
    observed = ', not yet observed by a controller';
  }
  return ` · generation ${item.generation}${observed}`;
}
