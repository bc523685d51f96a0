import { screen } from '@testing-library/react';
import { mockKmopApi, renderKmop } from './__testUtils__/renderKmop';
import { makeView } from './__testUtils__/viewFixture';
import {
  EntityKmopContent,
  EntityKmopHealthCard,
  isKmopAvailable,
  kmopPlugin,
} from '.';
import { checkoutEntity, plainEntity } from './__testUtils__/viewFixture';
import { Route, Routes } from 'react-router-dom';

jest.setTimeout(30_000);

describe('kmop plugin (legacy frontend system)', () => {
  it('registers the KMOP API factory', () => {
    expect(kmopPlugin.getId()).toBe('kmop');
    expect([...kmopPlugin.getApis()].map(factory => factory.api.id)).toEqual([
      'plugin.kmop.service',
    ]);
  });

  it('renders the tab and a card as extensions', async () => {
    await renderKmop(
      <>
        <EntityKmopHealthCard />
        <Routes>
          <Route path="/" element={<EntityKmopContent />} />
        </Routes>
      </>,
      { api: mockKmopApi(makeView()) },
    );
    expect(await screen.findByText('KMOP health')).toBeInTheDocument();
    expect(await screen.findByTestId('kmop-release-panel')).toBeInTheDocument();
  });

  it('tells EntitySwitch which entities KMOP can show', () => {
    expect(isKmopAvailable(checkoutEntity)).toBe(true);
    expect(isKmopAvailable(plainEntity)).toBe(false);
  });
});
