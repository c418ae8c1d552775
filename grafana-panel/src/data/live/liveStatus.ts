/** Decides what the live activity view draws from the panel's data, each part from its own query. */
import type { PanelData } from '@grafana/data';
import type { PanelOptions } from '../../types';
import { exampleQueries } from '../exampleQueries';
import { hasNoValues } from '../frames';
import type { Notice } from '../notices';
import { panelErrorMessage } from '../panelError';
import { framesOfQuery, queriesIn } from '../queries/queryFrames';
import { checkRoles, roleCategories, singleQueryRole, type QueryRole } from '../queries/queryRoles';
import type { PanelDataStatus } from '../status';
import { readFeedSample, type FeedSample } from './feedSample';
import { readActiveUsers, readEventRates, type ActiveUsers, type EventRate } from './readActivity';
import { isExemplarFrame, readExemplars, type FeedEvent } from './readExemplars';

export type LiveOptions = Pick<PanelOptions, 'namespace' | 'activeUsersRefId' | 'ratesRefId' | 'feedRefId'>;

export interface LiveModel {
  readonly activeUsers: ActiveUsers | undefined;
  readonly eventRates: EventRate[];
  /** Events from this refresh's exemplars, newest first (the feed merges them over time). */
  readonly events: FeedEvent[];
  /** How much of the range's events Grafana delivered; undefined without a feed query. */
  readonly sample: FeedSample | undefined;
  readonly notices: Notice[];
}

function exampleLiveQueries(namespace: string): string {
  const examples = exampleQueries(namespace);
  return `active users: ${examples.activeUsers}; rates: ${examples.eventRates}; feed: ${examples.eventsInRange} with “Exemplars” on`;
}

export function liveRoles(options: LiveOptions): QueryRole[] {
  return [
    singleQueryRole('active users', options.activeUsersRefId),
    singleQueryRole('rates', options.ratesRefId),
    // The feed's exemplars ride on a query of their own, which may also be the rates query.
    singleQueryRole('feed', options.feedRefId === options.ratesRefId ? '' : options.feedRefId),
  ];
}

export function liveStatus(data: PanelData, options: LiveOptions): PanelDataStatus<LiveModel> {
  const error = panelErrorMessage(data);
  if (error !== undefined) {
    return { status: 'error', message: error };
  }
  const allFrames = [...data.series, ...(data.annotations ?? [])];
  if (allFrames.length === 0 || hasNoValues(allFrames)) {
    return { status: 'nodata', message: `No data. Live activity needs ${exampleLiveQueries(options.namespace)}` };
  }
  const { notices, claimedTwice } = checkRoles(liveRoles(options), queriesIn(allFrames), roleCategories.live);
  const seriesOf = (refId: string) =>
    refId === '' || claimedTwice.has(refId)
      ? []
      : framesOfQuery(data.series, refId).frames.filter((f) => !isExemplarFrame(f));
  const feedFrames =
    options.feedRefId === ''
      ? []
      : allFrames.filter((frame) => isExemplarFrame(frame) && frame.refId === options.feedRefId);
  const events = readExemplars(feedFrames).sort((a, b) => b.time - a.time || a.id.localeCompare(b.id));
  const activeUsers = readActiveUsers(seriesOf(options.activeUsersRefId));
  const eventRates = readEventRates(seriesOf(options.ratesRefId));
  if (activeUsers !== undefined && activeUsers.seriesCount > 1) {
    notices.push({
      severity: 'info',
      text: `The active-users query returns ${activeUsers.seriesCount} series; the first (${activeUsers.label || 'unlabelled'}) is shown.`,
    });
  }
  if (activeUsers === undefined && eventRates.length === 0 && events.length === 0) {
    return {
      status: 'unsupported',
      message:
        'None of the queries chosen for live activity returned an active-user estimate, event rates or exemplars.',
      hint: `Use ${exampleLiveQueries(options.namespace)}.`,
    };
  }
  return {
    status: 'ok',
    model: {
      activeUsers,
      eventRates,
      events,
      // A feed riding on the rates query has no count of the range's events, only rates.
      sample:
        options.feedRefId === ''
          ? undefined
          : readFeedSample(options.feedRefId === options.ratesRefId ? [] : seriesOf(options.feedRefId), events.length),
      notices,
    },
  };
}
