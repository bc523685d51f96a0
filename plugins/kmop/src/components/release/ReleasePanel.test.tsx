import { screen, within } from '@testing-library/react';
import { judgeReleases } from '@kmop/plugin-kmop-common';
import {
  RELEASE_VIEWS,
  catalogApiFailingAnalysis,
  checkoutBurning,
} from '@kmop/plugin-kmop-common/testUtils';
import { mockKmopApi, renderKmop } from '../../__testUtils__/renderKmop';
import { EntityKmopContent } from '../EntityKmopContent/EntityKmopContent';

describe('the release panel', () => {
  it.each(Object.entries(RELEASE_VIEWS))(
    'shows the release judgement of %s, as explain-release gives it',
    async (_name, view) => {
      await renderKmop(<EntityKmopContent />, { api: mockKmopApi(view) });
      await screen.findAllByTestId('kmop-summary-tile');
      const judged = judgeReleases(view).releases;
      const panels = screen.queryAllByTestId('kmop-release-verdict');
      expect(panels.map(p => p.getAttribute('data-level'))).toEqual(
        judged.map(r => r.level),
      );
      panels.forEach((panel, i) => {
        expect(panel).toHaveTextContent(judged[i].headline);
        for (const reason of judged[i].reasons) {
          expect(panel).toHaveTextContent(reason.text);
        }
      });
    },
  );

  it("shows checkout's burning SLO as degraded, not OK, beside the red verdict", async () => {
    await renderKmop(<EntityKmopContent />, {
      api: mockKmopApi(checkoutBurning),
    });
    const verdict = await screen.findByTestId('kmop-release-verdict');
    expect(verdict).toHaveAttribute('data-level', 'at-risk');
    const sloTile = screen
      .getAllByTestId('kmop-summary-tile')
      .find(tile => /SLO/i.test(tile.textContent ?? ''))!;
    expect(sloTile).not.toHaveTextContent(/\bOK\b/);
    expect(sloTile).toHaveTextContent(/degraded/i);
  });

  it("shows catalog-api's Canary and its Deployment as one release", async () => {
    await renderKmop(<EntityKmopContent />, {
      api: mockKmopApi(catalogApiFailingAnalysis),
    });
    const panels = await screen.findAllByTestId('kmop-release-panel');
    expect(panels).toHaveLength(1);
    expect(
      within(panels[0]).getByTestId('kmop-release-driven'),
    ).toHaveTextContent('Drives Deployment catalog-api');
  });
});
