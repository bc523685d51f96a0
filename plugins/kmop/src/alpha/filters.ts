import type { FilterPredicate } from '@backstage/filter-predicates';

/**
 * Entities KMOP can show: the annotations `isKmopAvailable` reads (`kmop.dev/service-name`,
 * `backstage.io/kubernetes-id`, `backstage.io/kubernetes-label-selector`), as a predicate
 * object so app-config can override it.
 *
 * @alpha
 */
export const kmopEntityFilter: FilterPredicate = {
  $any: [
    { 'metadata.annotations.kmop.dev/service-name': { $exists: true } },
    { 'metadata.annotations.backstage.io/kubernetes-id': { $exists: true } },
    {
      'metadata.annotations.backstage.io/kubernetes-label-selector': {
        $exists: true,
      },
    },
  ],
};
