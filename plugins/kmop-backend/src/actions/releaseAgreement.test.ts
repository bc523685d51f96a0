import { mockCredentials } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { judgeReleases } from '@kmop/plugin-kmop-common';
import {
  RELEASE_VIEWS,
  checkoutBurning,
} from '@kmop/plugin-kmop-common/testUtils';
import type { EntityViewService } from '../services/EntityViewService/EntityViewService';
import { createExplainReleaseAction } from './createExplainReleaseAction';
import { summarizeView } from './summarizeView';

// The explain-release action, as an agent calls it, on the fixtures the page's tests and the
// release judgement's own tests read: the same verdicts and reasons.
describe('explain-release through the actions registry', () => {
  it.each(Object.entries(RELEASE_VIEWS))(
    'gives the judgement of %s',
    async (_name, view) => {
      const registry = actionsRegistryServiceMock();
      const entityViews: EntityViewService = { getView: async () => view };
      createExplainReleaseAction({ actionsRegistry: registry, entityViews });
      const { output } = await registry.invoke({
        id: 'test:explain-release',
        input: { entityRef: view.entityRef },
        credentials: mockCredentials.user(),
      });
      const judged = judgeReleases(view).releases;
      const releases = (
        output as {
          releases: { verdict: string; reasons: { text: string }[] }[];
        }
      ).releases;
      expect(releases.map(r => r.verdict)).toEqual(judged.map(r => r.level));
      expect(releases.map(r => r.reasons.map(x => x.text))).toEqual(
        judged.map(r => r.reasons.map(x => x.text)),
      );
    },
  );
});

describe('list-services health', () => {
  it('counts a service whose SLO fires its page alert as degraded', () => {
    const summary = summarizeView(checkoutBurning);
    expect(summary.sections.slos.counts.degraded).toBe(1);
    expect(summary.sections.slos.counts.ok).toBe(0);
    expect(summary.health).toBe('degraded');
  });
});
