import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { makeView } from '../../__testUtils__/viewFixture';
import { SummaryStrip } from './SummaryStrip';

describe('SummaryStrip cluster chips', () => {
  it('links a cluster to its dashboard when its locator names one', async () => {
    await renderInTestApp(
      <SummaryStrip
        view={makeView({
          clusters: [
            {
              name: 'eks-prod',
              state: 'ready',
              dashboardUrl: 'https://console.example.com/eks/eks-prod',
            },
            { name: 'demo', state: 'ready' },
          ],
        })}
      />,
    );
    const link = screen.getByRole('link', {
      name: /eks-prod: synced/,
    });
    expect(link).toHaveAttribute(
      'href',
      'https://console.example.com/eks/eks-prod',
    );
    expect(link).toHaveAttribute(
      'title',
      'Open the dashboard of cluster eks-prod',
    );
    expect(screen.queryByRole('link', { name: /demo: synced/ })).toBeNull();
    expect(screen.getByText('demo: synced')).toBeInTheDocument();
  });
});
