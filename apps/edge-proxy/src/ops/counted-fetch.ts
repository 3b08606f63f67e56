import { type ProxyMetrics, upstreamRoute } from './proxy-metrics.ts';

/**
 * `fetch`, counting each call to Vidgo by route template and answer status: a call that got no
 * answer (network, timeout, abort) counts as `error` and still rejects as it did.
 */
export function countedFetch(fetchFunction: typeof fetch, metrics: Pick<ProxyMetrics, 'upstreamCall'>): typeof fetch {
  return async (input, init) => {
    const route = upstreamRoute(input instanceof Request ? input.url : String(input));
    let response: Response;
    try {
      response = await fetchFunction(input, init);
    } catch (error) {
      metrics.upstreamCall(route, 'error');
      throw error;
    }
    metrics.upstreamCall(route, response.status);
    return response;
  };
}
