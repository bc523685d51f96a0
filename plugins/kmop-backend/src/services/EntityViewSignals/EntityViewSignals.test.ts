import { mockServices } from '@backstage/backend-test-utils';
import { SignalPayload } from '@backstage/plugin-signals-node';
import { KmopClusterStatus } from '@kmop/plugin-kmop-common';
import {
  ClusterCache,
  IndexedObjectChange,
  IndexedObjectListener,
  IndexedObjectPlace,
} from '@kmop/plugin-kmop-node';
import { EntityViewSignals } from './EntityViewSignals';

function fakeCache() {
  const listeners = new Set<IndexedObjectListener>();
  let clusters: KmopClusterStatus[] = [{ name: 'one', state: 'syncing' }];
  const cache = {
    subscribeToItems: (l: IndexedObjectListener) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    clusters: () => clusters,
  } as unknown as ClusterCache;
  return {
    cache,
    change: (c: IndexedObjectChange) => listeners.forEach(l => l(c)),
    setClusters: (next: KmopClusterStatus[]) => {
      clusters = next;
    },
    listenerCount: () => listeners.size,
  };
}

const place = (
  name: string,
  extra: Partial<IndexedObjectPlace> = {},
): IndexedObjectPlace => ({
  cluster: 'one',
  namespace: name,
  labels: { 'app.kubernetes.io/name': name },
  ...extra,
});

describe('EntityViewSignals', () => {
  let published: SignalPayload[];
  let now: number;

  beforeEach(() => {
    jest.useFakeTimers();
    published = [];
    now = 0;
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  function start(cache: ClusterCache) {
    const signals = EntityViewSignals.create({
      cache,
      signals: {
        publish: async s => {
          published.push(s as SignalPayload);
        },
      },
      logger: mockServices.logger.mock(),
      debounceMs: 250,
      followForMs: 60_000,
      now: () => now,
    });
    signals.start();
    signals.follow('component:default/checkout', { serviceName: 'checkout' });
    signals.follow('component:default/search', {
      labelSelector: 'team=search',
    });
    return signals;
  }

  const channels = () => published.map(p => p.channel);

  it('sends one signal per affected entity for a burst of changes, none for the others', () => {
    const sim = fakeCache();
    const signals = start(sim.cache);
    sim.change({ after: place('checkout') });
    sim.change({ before: place('checkout'), after: place('checkout') });
    sim.change({ after: place('payments') });
    jest.advanceTimersByTime(249);
    expect(published).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(published).toEqual([
      {
        recipients: { type: 'broadcast' },
        channel: 'kmop:entity-view:component:default/checkout',
        message: { entityRef: 'component:default/checkout' },
      },
    ]);
    signals.stop();
  });

  it('signals both the entity an object left and the one it joined', () => {
    const sim = fakeCache();
    const signals = start(sim.cache);
    sim.change({
      before: place('checkout'),
      after: place('other', { labels: { team: 'search' } }),
    });
    jest.advanceTimersByTime(250);
    expect(channels().sort()).toEqual([
      'kmop:entity-view:component:default/checkout',
      'kmop:entity-view:component:default/search',
    ]);
    signals.stop();
  });

  it('signals a later change again, and stops following an entity nobody read for a while', () => {
    const sim = fakeCache();
    const signals = start(sim.cache);
    sim.change({ after: place('checkout') });
    jest.advanceTimersByTime(250);
    sim.change({ after: place('checkout') });
    jest.advanceTimersByTime(250);
    expect(published).toHaveLength(2);
    now = 60_001;
    sim.change({ after: place('checkout') });
    jest.advanceTimersByTime(250);
    expect(published).toHaveLength(2);
    signals.stop();
    expect(sim.listenerCount()).toBe(0);
  });

  it('signals every followed entity when a cluster finishes its first list', () => {
    const sim = fakeCache();
    const signals = start(sim.cache);
    jest.advanceTimersByTime(2_000);
    expect(published).toEqual([]);
    sim.setClusters([{ name: 'one', state: 'ready' }]);
    jest.advanceTimersByTime(2_250);
    expect(channels().sort()).toEqual([
      'kmop:entity-view:component:default/checkout',
      'kmop:entity-view:component:default/search',
    ]);
    signals.stop();
  });

  it('signals the entities that show an SLO whose figures changed', () => {
    const sim = fakeCache();
    const signals = start(sim.cache);
    signals.showsSlos('component:default/checkout', ['slo-1']);
    signals.slosChanged(['slo-1']);
    signals.slosChanged(['slo-2']);
    jest.advanceTimersByTime(250);
    expect(channels()).toEqual(['kmop:entity-view:component:default/checkout']);
    signals.stop();
  });

  it('gives a view a new generation exactly when it may have changed', () => {
    const sim = fakeCache();
    const signals = start(sim.cache);
    const target = { serviceName: 'checkout' };
    const first = signals.follow('component:default/checkout', target);
    expect(signals.follow('component:default/checkout', target)).toBe(first);
    sim.change({ after: place('payments') });
    expect(signals.follow('component:default/checkout', target)).toBe(first);
    sim.change({ after: place('checkout') });
    const second = signals.follow('component:default/checkout', target);
    expect(second).not.toBe(first);
    expect(
      signals.follow('component:default/checkout', { serviceName: 'other' }),
    ).not.toBe(second);
    signals.stop();
  });
});
