import { z } from 'zod';

/** Options of {@link PrometheusClient}. */
export interface PrometheusClientOptions {
  baseUrl: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

// The parts of a Prometheus query answer this client reads
// (https://prometheus.io/docs/prometheus/latest/querying/api/#expression-query-result-formats):
// a sample is `[unix time, "value"]`, a scalar result is one sample, a vector a list of series.
const sampleSchema = z.tuple([z.number(), z.string()]);
const vectorSchema = z.array(z.object({ value: sampleSchema.optional() }));
const queryResponseSchema = z.object({
  status: z.string().optional(),
  error: z.string().optional(),
  data: z
    .object({ resultType: z.string().optional(), result: z.unknown() })
    .optional(),
});

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
    const parsed = queryResponseSchema.safeParse(
      await response.json().catch(() => undefined),
    );
    const body = parsed.success ? parsed.data : undefined;
    if (!response.ok || body?.status !== 'success') {
      throw new Error(
        `Prometheus answered ${response.status}${
          body?.error ? `: ${body.error}` : ''
        }`,
      );
    }
    const result = body.data?.result;
    if (body.data?.resultType === 'scalar') {
      return finite(sampleSchema.safeParse(result).data?.[1]);
    }
    const series = vectorSchema.safeParse(result).data;
    return finite(series?.[0]?.value?.[1]);
  }
}

function finite(value: string | undefined): number | undefined {
  const n = Number(value);
  return value !== undefined && Number.isFinite(n) ? n : undefined;
}

function ensureSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
