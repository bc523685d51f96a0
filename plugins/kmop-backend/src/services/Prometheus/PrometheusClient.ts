/** Options of {@link PrometheusClient}. */
export interface PrometheusClientOptions {
  baseUrl: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

interface QueryResponse {
  status?: string;
  error?: string;
  data?: {
    resultType?: string;
    result?: Array<{ value?: [number, string] } | unknown>;
  };
}

/** Instant queries against the Prometheus HTTP API. */
export class PrometheusClient {
  private readonly options: PrometheusClientOptions;

  constructor(options: PrometheusClientOptions) {
    this.options = options;
  }

  /**
   * The value of a query that yields one number at `time`; `undefined` when the
   * result is empty or not a number (no data yet, or a division by zero).
   */
  async scalar(query: string, time: Date): Promise<number | undefined> {
    const url = new URL('api/v1/query', ensureSlash(this.options.baseUrl));
    url.searchParams.set('query', query);
    url.searchParams.set('time', String(time.getTime() / 1000));
    const doFetch = this.options.fetch ?? fetch;
    const response = await doFetch(url, {
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    const body = (await response.json().catch(() => undefined)) as
      | QueryResponse
      | undefined;
    if (!response.ok || body?.status !== 'success') {
      throw new Error(
        `Prometheus answered ${response.status}${
          body?.error ? `: ${body.error}` : ''
        }`,
      );
    }
    const result = body.data?.result;
    if (body.data?.resultType === 'scalar') {
      return finite((body.data.result as unknown as [number, string])[1]);
    }
    if (!Array.isArray(result) || result.length === 0) return undefined;
    const first = result[0] as { value?: [number, string] };
    return finite(first.value?.[1]);
  }
}

function finite(value: string | undefined): number | undefined {
  const n = Number(value);
  return value !== undefined && Number.isFinite(n) ? n : undefined;
}

function ensureSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
