import { PrometheusClient } from './prometheus';

// Answers every request with `body` (as JSON) and `status`, recording the URLs asked for.
function clientAnswering(body: unknown, status = 200) {
  const urls: string[] = [];
  const client = new PrometheusClient({
    baseUrl: 'http://prometheus.test:9090',
    timeoutMs: 1000,
    fetch: async input => {
      urls.push(String(input));
      return new Response(JSON.stringify(body), { status });
    },
  });
  return { client, urls };
}

const at = new Date('2026-01-01T00:00:00Z');

describe('PrometheusClient.scalar', () => {
  it('reads a scalar result and asks at the given time', async () => {
    const { client, urls } = clientAnswering({
      status: 'success',
      data: { resultType: 'scalar', result: [1767225600, '0.25'] },
    });
    await expect(client.scalar('vector(0.25)', at)).resolves.toBe(0.25);
    const url = new URL(urls[0]);
    expect(url.pathname).toBe('/api/v1/query');
    expect(url.searchParams.get('query')).toBe('vector(0.25)');
    expect(url.searchParams.get('time')).toBe('1767225600');
  });

  it('reads the first series of a vector result', async () => {
    const { client } = clientAnswering({
      status: 'success',
      data: {
        resultType: 'vector',
        result: [
          { metric: { job: 'a' }, value: [1767225600, '0.5'] },
          { metric: { job: 'b' }, value: [1767225600, '0.7'] },
        ],
      },
    });
    await expect(client.scalar('up', at)).resolves.toBe(0.5);
  });

  it('has no value for an empty vector, NaN, or a result of another shape', async () => {
    for (const data of [
      { resultType: 'vector', result: [] },
      { resultType: 'vector', result: [{ value: [1767225600, 'NaN'] }] },
      { resultType: 'scalar', result: ['not', 'a sample'] },
      { resultType: 'matrix', result: [{ values: [[1767225600, '1']] }] },
    ]) {
      const { client } = clientAnswering({ status: 'success', data });
      await expect(client.scalar('q', at)).resolves.toBeUndefined();
    }
  });

  it("throws with Prometheus's error when the query fails", async () => {
    const { client } = clientAnswering(
      { status: 'error', errorType: 'bad_data', error: 'parse error' },
      400,
    );
    await expect(client.scalar('sum(', at)).rejects.toThrow(
      'Prometheus answered 400: parse error',
    );
  });

  it('keeps at most maxConcurrentQueries in flight; the others wait their turn, a failure frees its place', async () => {
    let inFlight = 0;
    let most = 0;
    const answers: Array<() => void> = [];
    const client = new PrometheusClient({
      baseUrl: 'http://prometheus.test:9090',
      timeoutMs: 1000,
      maxConcurrentQueries: 2,
      fetch: async input => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise<void>(resolve => answers.push(resolve));
        inFlight--;
        const fails = String(input).includes('fails');
        return new Response(
          JSON.stringify(
            fails
              ? { status: 'error', error: 'bad query' }
              : {
                  status: 'success',
                  data: { resultType: 'scalar', result: [0, '1'] },
                },
          ),
          { status: fails ? 400 : 200 },
        );
      },
    });
    const queries = ['fails', 'a', 'b', 'c', 'd'].map(q =>
      client.scalar(q, at).then(
        v => v,
        (e: Error) => e.message,
      ),
    );
    for (let answered = 0; answered < 5; answered++) {
      await new Promise(r => setTimeout(r, 5));
      expect(answers.length).toBe(Math.min(answered + 2, 5));
      answers[answered]();
    }
    expect(await Promise.all(queries)).toEqual([
      'Prometheus answered 400: bad query',
      1,
      1,
      1,
      1,
    ]);
    expect(most).toBe(2);
  });
});
