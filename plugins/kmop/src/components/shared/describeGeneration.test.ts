import type { KmopItemBase } from '@kmop/plugin-kmop-common';
import { describeGeneration } from './describeGeneration';

const base: KmopItemBase = {
  id: 'demo/v1/Kind/shop/checkout',
  source: {
    cluster: 'demo',
    apiVersion: 'v1',
    kind: 'Kind',
    namespace: 'shop',
    name: 'checkout',
  },
  health: 'ok',
  healthReason: '',
  badges: [],
};

describe('describeGeneration', () => {
  it('shows the observed generation the controller reported', () => {
    expect(
      describeGeneration({ ...base, generation: 7, observedGeneration: 6 }),
    ).toBe(' · generation 7, observed 6');
  });

  it('says a kind that always reports it has not been observed yet', () => {
    expect(describeGeneration({ ...base, generation: 3 })).toBe(
      ' · generation 3, not yet observed by a controller',
    );
  });

  it('says nothing about observation for a kind without the field (Ingress, Pyrra, Flagger)', () => {
    expect(
      describeGeneration({
        ...base,
        generation: 3,
        observedGenerationField: 'none',
      }),
    ).toBe(' · generation 3');
  });

  it('says "not reported" where the field is optional and absent (HPA)', () => {
    expect(
      describeGeneration({
        ...base,
        generation: 3,
        observedGenerationField: 'optional',
      }),
    ).toBe(' · generation 3, observed generation not reported');
  });

  it('says nothing when the object carries no generation', () => {
    expect(describeGeneration(base)).toBe('');
  });
});
