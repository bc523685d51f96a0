import { mockServices } from '@backstage/backend-test-utils';
import { KmopSloView } from '@kmop/plugin-kmop-common';
import { ScheduledSloEvaluator } from './ScheduledSloEvaluator';

const slo = (id: string, objective = 0.99) =>
  ({ id, objective, alerts: [], badges: [] } as unknown as KmopSloView);

describe('ScheduledSloEvaluator', () => {
  let sli = 0.995;
  let now = 0;
  const evaluated: string[] = [];
  const changes: string[][] = [];
  const inner = {
    evaluate: jest.fn(async (slos: KmopSloView[]) =>
      slos.map(s => {
        evaluated.push(s.id);
        return { ...s, sli, evaluatedAt: new Date(now).toISOString() };
      }),
    ),
  };

  function create() {
    evaluated.length = 0;
    changes.length = 0;
    return ScheduledSloEvaluator.create({
      evaluator: inner,
      logger: mockServices.logger.mock(),
      forgetAfterMs: 600_000,
      onFiguresChanged: ids => changes.push(ids),
      now: () => now,
    });
  }

  it('evaluates an SLO once for any number of viewers, then once per round', async () => {
    const evaluator = create();
    const views = await Promise.all(
      Array.from({ length: 50 }, () =>
        evaluator.evaluate([slo('a'), slo('b')]),
      ),
    );
    expect(views.every(v => v[0].sli === 0.995)).toBe(true);
    expect(evaluated.sort()).toEqual(['a', 'b']);

    await evaluator.evaluateAll();
    await Promise.all(
      Array.from({ length: 50 }, () => evaluator.evaluate([slo('a')])),
    );
    expect(evaluated.sort()).toEqual(['a', 'a', 'b', 'b']);
  });

  it('reports the SLOs whose figures changed at a round, not a new evaluatedAt alone', async () => {
    const evaluator = create();
    await evaluator.evaluate([slo('a'), slo('b')]);
    now = 30_000;
    await evaluator.evaluateAll();
    expect(changes).toEqual([]);
    sli = 0.9;
    await evaluator.evaluateAll();
    expect(changes).toEqual([['a', 'b']]);
    const [a] = await evaluator.evaluate([slo('a')]);
    expect(a).toMatchObject({
      sli: 0.9,
      evaluatedAt: new Date(now).toISOString(),
    });
  });

  it('evaluates a changed SLO at once and forgets SLOs nobody views', async () => {
    const evaluator = create();
    await evaluator.evaluate([slo('a')]);
    await evaluator.evaluate([slo('a', 0.999)]);
    expect(evaluated).toEqual(['a', 'a']);
    now += 600_001;
    await evaluator.evaluateAll();
    expect(evaluated).toEqual(['a', 'a']);
  });
});
