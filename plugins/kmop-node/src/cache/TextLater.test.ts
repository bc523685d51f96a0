import { Held, TextLater } from './TextLater';

describe('TextLater', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('writes the held fields as text once objects stop coming, and gives them back either way', () => {
    const text = new TextLater({ quietMs: 1000, latestMs: 10_000 });
    const a: Held = {};
    const b: Held = {};
    text.hold(a, { spec: { x: 1 } });
    jest.advanceTimersByTime(600);
    text.hold(b, { spec: { y: 2 } });
    jest.advanceTimersByTime(600);
    // 600 ms after b: not quiet for a second yet.
    expect(a.json).toBeUndefined();
    expect(a.fields).toEqual({ spec: { x: 1 } });
    jest.advanceTimersByTime(500);
    expect(text.pending).toBe(0);
    expect(a).toEqual({ json: '{"spec":{"x":1}}', fields: undefined });
    expect(text.take(a)).toEqual({ spec: { x: 1 } });
    expect(a.json).toBeUndefined();
    expect(text.take(b)).toEqual({ spec: { y: 2 } });
  });

  it('writes at the latest `latestMs` after the first waiting object, however steady the stream', () => {
    const text = new TextLater({ quietMs: 1000, latestMs: 3000 });
    const first: Held = {};
    text.hold(first, { n: 0 });
    for (let i = 1; i <= 12; i++) {
      jest.advanceTimersByTime(300);
      text.hold({}, { n: i });
    }
    expect(first.json).toBe('{"n":0}');
  });

  it('writes a slice per turn of the event loop', () => {
    const text = new TextLater({ quietMs: 10, perTurn: 2 });
    const held = Array.from({ length: 5 }, (): Held => ({}));
    held.forEach((h, i) => text.hold(h, { i }));
    jest.advanceTimersByTime(10);
    expect(text.pending).toBe(3);
    jest.runOnlyPendingTimers();
    expect(text.pending).toBe(1);
    jest.runAllTimers();
    expect(text.pending).toBe(0);
    expect(held.map(h => h.json)).toEqual(
      [0, 1, 2, 3, 4].map(i => `{"i":${i}}`),
    );
  });

  it('forgets a removed object, and writes nothing after stop', () => {
    const text = new TextLater({ quietMs: 10 });
    const gone: Held = {};
    const kept: Held = {};
    text.hold(gone, { a: 1 });
    text.hold(kept, { b: 1 });
    text.forget(gone);
    text.stop();
    jest.runAllTimers();
    expect(gone).toEqual({ fields: undefined, json: undefined });
    expect(kept.json).toBeUndefined();
    expect(text.take(kept)).toEqual({ b: 1 });
  });
});
