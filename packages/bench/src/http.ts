import { serviceName } from './objects';

/** A GET as the app sends it; the body parsed as JSON when it is JSON. */
export async function getJson(
  url: string,
  token?: string,
): Promise<{ status: number; body: any }> {
  const res = await fetch(url, {
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      'x-requested-with': 'XMLHttpRequest',
    },
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON; keep the text for the error message
  }
  return { status: res.status, body };
}

/** Polls `check` until it gives a value; a bound on waiting, not a measurement. */
export async function waitUntil<T>(
  what: string,
  timeoutMs: number,
  check: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise(r => setTimeout(r, 20));
  }
}

/** The path of the KMOP view of the bench's i-th service. */
export function entityViewPath(i: number): string {
  return `/api/kmop/v1/entities/component/default/${serviceName(i)}`;
}
