import { useCallback, useEffect, useReducer } from 'react';
import { mergeFeed, type FeedEvent } from '../../data/live/readExemplars';

interface FeedState {
  /** The time range the feed belongs to; another range starts the feed afresh. */
  readonly rangeKey: string;
  readonly feed: FeedEvent[];
  /** Events that arrived while paused, shown once the user lets go. */
  readonly waiting: FeedEvent[];
  readonly paused: boolean;
  /** The user being followed, and their events seen since (kept even when the feed moves on). */
  readonly followed: string | undefined;
  readonly trail: FeedEvent[];
  /** When the last update arrived (epoch ms): rows from another day than this one get their date. */
  readonly now: number;
}

type FeedAction =
  | {
      readonly type: 'incoming';
      readonly events: readonly FeedEvent[];
      readonly limit: number;
      readonly rangeKey: string;
      readonly from: number;
      readonly now: number;
    }
  | { readonly type: 'pause' }
  | { readonly type: 'resume'; readonly limit: number }
  | { readonly type: 'follow'; readonly userId: string | undefined; readonly limit: number };

const ofUser = (events: readonly FeedEvent[], userId: string | undefined) =>
  userId === undefined ? [] : events.filter((event) => event.userId === userId);

function reduceFeed(state: FeedState, action: FeedAction): FeedState {
  switch (action.type) {
    case 'incoming': {
      if (action.rangeKey !== state.rangeKey) {
        // Another time range (yesterday, a zoom): what the feed held belongs to the old one.
        const feed = mergeFeed([], action.events, action.limit);
        return {
          ...state,
          rangeKey: action.rangeKey,
          feed,
          waiting: [],
          trail: ofUser(feed, state.followed),
          now: action.now,
        };
      }
      // A relative range moves on: events that fell out of it go.
      const inRange = (events: readonly FeedEvent[]) => events.filter((event) => event.time >= action.from);
      const trail = mergeFeed(inRange(state.trail), ofUser(action.events, state.followed), action.limit);
      if (!state.paused) {
        return { ...state, feed: mergeFeed(inRange(state.feed), action.events, action.limit), trail, now: action.now };
      }
      const shown = new Set(state.feed.map((event) => event.id));
      const fresh = action.events.filter((event) => !shown.has(event.id));
      return { ...state, waiting: mergeFeed(state.waiting, fresh, action.limit), trail, now: action.now };
    }
    case 'pause':
      return state.paused ? state : { ...state, paused: true };
    case 'resume':
      return { ...state, feed: mergeFeed(state.feed, state.waiting, action.limit), waiting: [], paused: false };
    case 'follow':
      return {
        ...state,
        followed: action.userId,
        trail: mergeFeed([], ofUser([...state.feed, ...state.waiting], action.userId), action.limit),
      };
  }
}

/**
 * Keeps the live feed across refreshes and streaming updates: new exemplars merge in newest
 * first, bounded to `limit`, for the current time range only. While paused (the pointer or
 * keyboard focus is on the feed) new events wait aside, so the row under the user's pointer never
 * moves. Following a user keeps that user's events, the KISSmetrics "watch a user navigate" view.
 */
export function useLiveFeed(events: readonly FeedEvent[], limit: number, rangeKey: string, from: number) {
  const [state, dispatch] = useReducer(reduceFeed, undefined, () => ({
    rangeKey,
    feed: mergeFeed([], events, limit),
    waiting: [],
    paused: false,
    followed: undefined,
    trail: [],
    now: Date.now(),
  }));
  useEffect(
    () => dispatch({ type: 'incoming', events, limit, rangeKey, from, now: Date.now() }),
    [events, limit, rangeKey, from]
  );
  const pause = useCallback(() => dispatch({ type: 'pause' }), []);
  const resume = useCallback(() => dispatch({ type: 'resume', limit }), [limit]);
  const follow = useCallback((userId: string | undefined) => dispatch({ type: 'follow', userId, limit }), [limit]);
  return {
    feed: state.followed === undefined ? state.feed : state.trail,
    followed: state.followed,
    paused: state.paused,
    waitingCount: state.waiting.length,
    pause,
    resume,
    follow,
    now: state.now,
  };
}
