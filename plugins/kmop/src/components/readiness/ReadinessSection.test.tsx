import { computeReadiness } from '@kmop/plugin-kmop-common';
import { fireEvent, screen } from '@testing-library/react';
import { mockKmopApi, renderKmop } from '../../__testUtils__/renderKmop';
import { makeView } from '../../__testUtils__/viewFixture';
import { ReadinessSection } from './ReadinessSection';

describe('ReadinessSection', () => {
  it('lists each check by component with its evidence, and links a fix to the day-2 template', async () => {
    const api = mockKmopApi(makeView());
    const readiness = computeReadiness({
      items: { routes: [], slos: [], rollouts: [], resilience: [] },
      facts: [],
      neighbours: [],
      lookedFor: 'service checkout',
    });
    api.getEntityReadiness.mockResolvedValue({
      entityRef: 'component:default/checkout',
      readiness,
      generatedAt: '2026-12-01T00:00:00Z',
    });
    await renderKmop(<ReadinessSection />, { api });
    expect(
      await screen.findByText('Monitoring and logging'),
    ).toBeInTheDocument();
    expect(screen.getByText(/Score \d+% — 0 pass/)).toBeInTheDocument();
    // Nothing runs: said once for the service, with what was looked for and not found,
    // and the checks it fails listed on demand.
    expect(
      screen.getAllByText(
        /Looked for a Deployment, StatefulSet or Argo Rollout of service checkout/,
      ),
    ).toHaveLength(1);
    expect(screen.getAllByText('Nothing of this service runs.')).toHaveLength(
      1,
    );
    const nothingRuns = readiness.checks.filter(c => c.nothingRuns);
    expect(
      screen.queryByTestId('readiness-check-discovery.service'),
    ).not.toBeInTheDocument();
    fireEvent.click(
      screen.getByRole('button', {
        name: `${nothingRuns.length} checks fail for this`,
      }),
    );
    expect(
      screen.getByTestId('readiness-check-discovery.service'),
    ).toHaveTextContent('Service discovery: A Service selects the pods');
    // The checks with reasons of their own keep their rows.
    expect(
      screen.getByTestId('readiness-check-monitoring.slo'),
    ).toHaveTextContent('No SLO');
    const addSlo = screen.getByRole('link', { name: 'Add an SLO' });
    expect(addSlo.getAttribute('href')).toContain(
      '/create/templates/default/kmop-day2',
    );
    expect(decodeURIComponent(addSlo.getAttribute('href')!)).toContain(
      '"resource":"slo"',
    );
    // Not applicable checks are closed until asked.
    const data = screen.getByTestId('readiness-check-data.volumes');
    fireEvent.click(data.querySelector('button')!);
    expect(
      screen.getByText(/Looked for StatefulSets and claims/),
    ).toBeInTheDocument();
  });

  it('says so when the readiness cannot be read', async () => {
    const api = mockKmopApi(makeView());
    api.getEntityReadiness.mockRejectedValue(new Error('backend down'));
    await renderKmop(<ReadinessSection />, { api });
    expect(
      await screen.findByText(/Could not read the readiness/),
    ).toBeInTheDocument();
  });
});
