import { useCallback, useEffect, useReducer } from 'react';
import { mergeFeed, type FeedEvent } from '../../data/live/readExemplars';

interface FeedState {
  readonly feed: FeedEvent[];
  /** Events that arrived while paused, shown once the user lets go. */
  readonly waiting: FeedEvent[];
  readonly paused: boolean;
}

type FeedAction =
  | { readonly type: 'incoming'; readonly events: readonly FeedEvent[]; readonly limit: number }
  | { readonly type: 'pause' }
  | { readonly type: 'resume'; readonly limit: number };

function reduceFeed(state: FeedState, action: FeedAction): FeedState {
  switch (action.type) {
    case 'incoming': {
      if (!state.paused) {
        return { ...state, feed: mergeFeed(state.feed, action.events, action.limit) };
      }
      const shown = new Set(state.feed.map((event) => event.id));
      const fresh = action.events.filter((event) => !shown.has(event.id));
      return { ...state, waiting: mergeFeed(state.waiting, fresh, action.limit) };
    }
    case 'pause':
      return state.paused ? state : { ...state, paused: true };
    case 'resume':
      return { feed: mergeFeed(state.feed, state.waiting, action.limit), waiting: [], paused: false };
  }
}

/**
 * Keeps the live feed across refreshes and streaming updates: new exemplars merge in newest
 * first, bounded to `limit`. While paused (the pointer or keyboard focus is on the feed) new
 * events wait aside, so the row under the user's pointer never moves.
 */
export function useLiveFeed(events: readonly FeedEvent[], limit: number) {
  const [state, dispatch] = useReducer(reduceFeed, undefined, () => ({
    feed: mergeFeed([], events, limit),
    waiting: [],
    paused: false,
  }));
  useEffect(() => dispatch({ type: 'incoming', events, limit }), [events, limit]);
  const pause = useCallback(() => dispatch({ type: 'pause' }), []);
  const resume = useCallback(() => dispatch({ type: 'resume', limit }), [limit]);
  return { feed: state.feed, paused: state.paused, waitingCount: state.waiting.length, pause, resume };
}
