import { analyseRun, apiKind, fileOf, median } from './breakdown';
import { PageRecord, ResourceEntry } from './pageScript';

const idle = { taskMs: 0, scriptMs: 0, layoutMs: 0, styleMs: 0 };

function resource(
  url: string,
  start: number,
  end: number,
  transferSize = 100,
): ResourceEntry {
  return {
    url: `http://127.0.0.1:7007${url}`,
    initiatorType: url.endsWith('.js') ? 'script' : 'fetch',
    start,
    responseStart: end - 1,
    end,
    transferSize,
    encodedBodySize: transferSize,
    decodedBodySize: transferSize * 3,
  };
}

/** A cold load: the sign-in page at 900 ms, Enter clicked at 1,000 ms, the content at 1,500 ms. */
const coldLoad: PageRecord = {
  navigation: {
    responseStart: 20,
    domContentLoaded: 400,
    load: 420,
    transferSize: 2000,
  },
  firstContentfulPaint: 880,
  resources: [
    resource('/static/main.1.js', 30, 300, 1000),
    resource('/static/vendor.2.js', 30, 350, 2000),
    resource('/static/theme.3.css', 30, 100),
    resource('/api/auth/guest/refresh', 1010, 1050),
    resource('/static/1081.4.chunk.js', 1060, 1100, 500),
    resource(
      '/api/catalog/entities/by-name/component/default/checkout',
      1100,
      1130,
    ),
    resource('/api/kmop/v1/entities/component/default/checkout', 1200, 1300),
    resource('/api/kmop/v1/readiness/component/default/checkout', 1480, 1600),
  ],
  appeared: [
    { name: 'signIn', domAt: 850, paintedAt: 900 },
    { name: 'shell', domAt: 1090, paintedAt: 1100 },
    { name: 'content', domAt: 1450, paintedAt: 1500 },
    { name: 'routes', domAt: 1450, paintedAt: 1500 },
    { name: 'readiness', domAt: 1650, paintedAt: 1660 },
  ],
  clicks: [1000],
  longTasks: [
    { start: 310, duration: 400 },
    { start: 1310, duration: 120 },
  ],
  frames: [
    {
      start: 310,
      duration: 420,
      blocking: 350,
      scripts: [
        {
          url: 'http://127.0.0.1:7007/static/main.1.js',
          invoker: 'classic-script',
          duration: 390,
        },
      ],
    },
  ],
};

describe('analyseRun', () => {
  it('splits a cold load at the Enter click and leaves out the time the person took', () => {
    const run = analyseRun({
      scenario: 'cold',
      record: coldLoad,
      mainThread: {
        beforeSignIn: { ...idle, taskMs: 700 },
        afterClick: { ...idle, taskMs: 300 },
      },
    });
    expect(run.load).toEqual({
      responseStartMs: 20,
      firstContentfulPaintMs: 880,
      domContentLoadedMs: 400,
      loadMs: 420,
      signInMs: 900,
    });
    expect(run.clickToContentMs).toBe(500);
    // 900 ms to the sign-in page, then 500 ms from Enter: the 100 ms before the click are the person's.
    expect(run.timeToContentMs).toBe(1400);
    expect(run.sections).toEqual({
      shell: 100,
      content: 500,
      routes: 500,
      readiness: 660,
    });
    expect(run.sectionsInDom.content).toBe(450);
    expect(run.beforeSignIn?.js).toEqual({
      count: 2,
      transferBytes: 3000,
      decodedBytes: 9000,
      spanMs: 320,
    });
    expect(run.beforeSignIn?.css.count).toBe(1);
    expect(run.beforeSignIn?.longTasks).toEqual({
      count: 1,
      totalMs: 400,
      longestMs: 400,
    });
    expect(run.beforeSignIn?.scripts).toEqual([{ file: 'main.1.js', ms: 390 }]);
    expect(run.afterClick.js.count).toBe(1);
    expect(run.afterClick.mainThread.taskMs).toBe(300);
    // The readiness request starts before the content's paint, after it entered the DOM.
    expect(run.api.map(r => [r.what, r.startMs, r.durationMs])).toEqual([
      ['/api/auth/guest/refresh', 10, 40],
      ['/api/catalog/entities/by-name/…', 100, 30],
      ['/api/kmop/v1/entities/…', 200, 100],
      ['/api/kmop/v1/readiness/…', 480, 120],
    ]);
    expect(run.timeline.map(t => t.what)).toEqual([
      '/api/auth/guest/refresh',
      '1081.4.chunk.js',
      '/api/catalog/entities/by-name/…',
      '/api/kmop/v1/entities/…',
      '/api/kmop/v1/readiness/…',
    ]);
  });

  it('counts a load the app signed in to by itself from navigation start', () => {
    const record: PageRecord = {
      ...coldLoad,
      appeared: coldLoad.appeared.filter(a => a.name !== 'signIn'),
      clicks: [],
    };
    const run = analyseRun({
      scenario: 'warm',
      record,
      mainThread: { afterClick: idle },
    });
    expect(run.load?.signInMs).toBeUndefined();
    expect(run.timeToContentMs).toBe(1500);
    expect(run.api[0].startMs).toBe(1010);
  });

  it('measures a tab click from the last click, with the content that appeared after it', () => {
    const record: PageRecord = {
      ...coldLoad,
      appeared: [
        ...coldLoad.appeared,
        { name: 'content', domAt: 3300, paintedAt: 3350 },
      ],
      clicks: [1000, 3000],
      resources: [
        ...coldLoad.resources,
        resource(
          '/api/kmop/v1/entities/component/default/checkout',
          3100,
          3200,
        ),
      ],
    };
    const run = analyseRun({
      scenario: 'tab',
      record,
      mainThread: { afterClick: idle },
    });
    expect(run.load).toBeUndefined();
    expect(run.timeToContentMs).toBe(350);
    expect(run.api).toHaveLength(1);
  });

  it("leaves out the first byte and size Chromium hides of another origin's answer", () => {
    // The dev server's app (:3000) calls the backend (:7007), which sends no
    // Timing-Allow-Origin: the entry's responseStart and sizes are 0.
    const hidden = {
      ...resource(
        '/api/kmop/v1/entities/component/default/checkout',
        1200,
        1300,
      ),
      responseStart: 0,
      transferSize: 0,
      encodedBodySize: 0,
      decodedBodySize: 0,
    };
    const run = analyseRun({
      scenario: 'cold',
      record: {
        ...coldLoad,
        resources: [
          ...coldLoad.resources.filter(r => !r.url.includes('/api/kmop/')),
          hidden,
        ],
      },
      mainThread: { beforeSignIn: idle, afterClick: idle },
    });
    expect(run.api.find(r => r.what === '/api/kmop/v1/entities/…')).toEqual({
      what: '/api/kmop/v1/entities/…',
      startMs: 200,
      durationMs: 100,
      hidden: true,
    });
    expect(
      run.timeline.find(r => r.what === '/api/kmop/v1/entities/…'),
    ).not.toHaveProperty('transferBytes');
  });

  it('fails when the content never appeared after the click', () => {
    expect(() =>
      analyseRun({
        scenario: 'tab',
        record: { ...coldLoad, clicks: [5000] },
        mainThread: { afterClick: idle },
      }),
    ).toThrow('the KMOP content did not appear');
  });
});

describe('apiKind and fileOf', () => {
  it('groups requests by the first three parts of the API path', () => {
    expect(apiKind('http://h/api/permission/authorize')).toBe(
      '/api/permission/authorize',
    );
    expect(apiKind('http://h/api/catalog/entities/by-refs?fields=a')).toBe(
      '/api/catalog/entities/by-refs',
    );
    expect(apiKind('http://h/static/main.js')).toBeUndefined();
    expect(fileOf('http://h/static/main.1.js')).toBe('main.1.js');
    expect(fileOf('')).toBe('(no file)');
  });

  it('takes the lower middle as the median and skips missing values', () => {
    expect(median([3, undefined, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2);
    expect(median([undefined])).toBeUndefined();
  });
});
