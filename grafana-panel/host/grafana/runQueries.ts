/**
 * Runs a panel's Prometheus queries the way Grafana does, up to the JSON the browser receives:
 * plan each query's requests (`promRequests.ts`), get Prometheus' answers (over HTTP, or canned
 * ones in tests), and frame them as the backend does (`backendFrames.ts`). A query's error is
 * reported under its refId, as Grafana's query response does; a failed exemplar request is
 * dropped, as the backend only logs it (grafana/grafana `pkg/promlib/querydata/request.go`).
 */
import type { DataFrameJSON } from '@grafana/data';
import { backendFrames } from './backendFrames';
import { planRequests, type PlannedRequest } from './promRequests';
import type { GrafanaResponse, PanelQueryOptions, PromDatasource, PromResponse, PromTarget } from './types';

/** Answers one planned request. */
export type PromFetcher = (request: PlannedRequest) => Promise<PromResponse>;

export async function runQueries(
  targets: readonly PromTarget[],
  panel: PanelQueryOptions,
  datasource: PromDatasource,
  fetch: PromFetcher
): Promise<GrafanaResponse> {
  const requests = targets.flatMap((target) => planRequests(target, panel, datasource));
  const answers = await Promise.all(requests.map(async (request) => ({ request, answer: await fetch(request) })));
  const frames: DataFrameJSON[] = [];
  const errors = new Map<string, string[]>();
  for (const { request, answer } of answers) {
    const framed = backendFrames(request, answer);
    if (framed.error !== undefined && request.kind !== 'exemplars') {
      errors.set(request.refId, [...(errors.get(request.refId) ?? []), framed.error]);
    }
    frames.push(...framed.frames);
  }
  return { frames, errors: [...errors].map(([refId, messages]) => ({ refId, message: messages.join(' ') })) };
}

/** Asks a real Prometheus (`/api/v1/…`); an unreachable server is an error answer, as Grafana shows it. */
export function httpFetcher(prometheusUrl: string): PromFetcher {
  return async (request) => {
    const url = new URL(request.path, prometheusUrl);
    url.search = new URLSearchParams(request.params).toString();
    try {
      const response = await fetch(url);
      return (await response.json()) as PromResponse;
    } catch (error) {
      return {
        status: 'error',
        errorType: 'unavailable',
        error: `Prometheus at ${prometheusUrl} did not answer: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  };
}
