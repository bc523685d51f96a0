import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { OrgServicesView } from './OrgServicesView';

/**
 * The KMOP tab of a System or Group: its components (for a Group, those it owns) with
 * readiness, SLO budgets and rollouts in progress.
 *
 * @public
 */
export function EntityKmopRollupContent() {
  const { entity } = useEntity();
  const ref = stringifyEntityRef(entity);
  const kind = entity.kind.toLocaleLowerCase('en-US');
  const fixed = kind === 'system' ? { system: ref } : { owner: ref };
  return (
    <OrgServicesView
      fixed={fixed}
      title={
        kind === 'system'
          ? 'Components of this system'
          : 'Components this group owns'
      }
    />
  );
}
