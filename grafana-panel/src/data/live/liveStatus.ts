/** Decides what the live activity view draws from the panel's data. */
import type { PanelData } from '@grafana/data';
import { exampleQueries } from '../exampleQueries';
import { hasNoValues } from '../frames';
import { panelErrorMessage } from '../panelError';
import type { PanelDataStatus } from '../status';
import { readActivity, type Activity } from './readActivity';
import { readExemplars, type FeedEvent } from './readExemplars';

export interface LiveModel extends Activity {
  /** Events from this refresh's exemplars, newest first (the feed merges them over time). */
  readonly events: FeedEvent[];
}

function exampleLiveQueries(namespace: string): string {
  const examples = exampleQueries(namespace);
  return `A: ${examples.activeUsers}; B: ${examples.eventRates}  — with "Exemplars" switched on for the feed`;
}

/** `namespace`: the panel option, for the queries the hints suggest. */
export function liveStatus(data: PanelData, namespace: string): PanelDataStatus<LiveModel> {
  const error = panelErrorMessage(data);
  if (error !== undefined) {
    return { status: 'error', message: error };
  }
  const frames = [...data.series, ...(data.annotations ?? [])];
  if (frames.length === 0 || hasNoValues(frames)) {
    return { status: 'nodata', message: `No data. Live activity needs ${exampleLiveQueries(namespace)}` };
  }
  const activity = readActivity(data.series);
  const events = readExemplars(frames).sort((a, b) => b.time - a.time || a.id.localeCompare(b.id));
  if (activity.activeUsers === undefined && activity.eventRates.length === 0 && events.length === 0) {
    return {
      status: 'unsupported',
      message: 'This query result has no active-user estimate, event rates or exemplars.',
      hint: `Use ${exampleLiveQueries(namespace)}.`,
    };
  }
  return { status: 'ok', model: { ...activity, events } };
}
