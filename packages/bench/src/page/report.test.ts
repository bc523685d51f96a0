import { formatPageReport } from './report';

const result = {
  entity: 'checkout',
  runs: 2,
  prometheus: true,
  loadAverage: { before: [1, 2, 3], after: [2, 3, 4] },
  figures: [],
};

describe('formatPageReport', () => {
  it('names the production app when the run was not --dev', () => {
    const [title, second] = formatPageReport(result).split('\n');
    expect(title).toBe(
      'KMOP tab of checkout, production app, 2 runs of each (p50)',
    );
    expect(second).toMatch(/^load average/);
  });

  it("gives the development server's first compile and first open apart from the figures", () => {
    const [title, second] = formatPageReport({
      ...result,
      devServer: {
        listeningMs: 9_100,
        compileMs: 86_300,
        firstOpenMs: 12_345.6,
      },
    }).split('\n');
    expect(title).toBe(
      'KMOP tab of checkout, development server (yarn start), 2 runs of each (p50)',
    );
    expect(second).toBe(
      'development server (not in the figures): listening 9,100 ms after yarn start began, first compile 86,300 ms from then, first open of the tab (the warm-up) 12,346 ms',
    );
  });

  it('shows a hidden first byte and size as nothing, with the reason', () => {
    const text = formatPageReport({
      ...result,
      figures: [
        {
          scenario: 'tab',
          clickToContentMs: 300,
          timeToContentMs: 300,
          sections: {},
          sectionsInDom: {},
          timeline: [],
          afterClick: {
            js: { count: 0, transferBytes: 0, decodedBytes: 0, spanMs: 0 },
            css: { count: 0, transferBytes: 0, decodedBytes: 0, spanMs: 0 },
            mainThread: { taskMs: 0, scriptMs: 0, layoutMs: 0, styleMs: 0 },
            longTasks: { count: 0, totalMs: 0, longestMs: 0 },
            scripts: [],
          },
          api: [
            {
              what: '/api/kmop/v1/entities/…',
              startMs: 36,
              durationMs: 36,
              hidden: true,
            },
          ],
        },
      ],
    });
    expect(text).toContain(
      '/api/kmop/v1/entities/… ×1.0: starts 36 ms, first byte —, takes 36 ms, —',
    );
    expect(text).toContain('Chromium hides the first byte and size');
  });
});
