import { css } from '@emotion/css';
import { dateTimeFormat, type GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import React, { useState } from 'react';
import { isSample, type FeedSample } from '../../data/live/feedSample';
import type { FeedEvent } from '../../data/live/readExemplars';
import { linksOf } from '../shared/display';
import { eventColor } from '../shared/eventColor';
import { formatStep } from '../shared/format';
import { safeUrl } from '../shared/safeUrl';
import { feedWindow } from './feedWindow';
import { useLiveFeed } from './useLiveFeed';

interface Props {
  events: FeedEvent[];
  sample: FeedSample | undefined;
  limit: number;
  timeZone: string;
  traceUrlTemplate: string;
  /** Identifies the dashboard's time range; a new one starts the feed afresh. */
  rangeKey: string;
  /** Start of the time range (epoch ms): older events leave the feed. */
  from: number;
  /** Height available to the list; rows outside it are not rendered. */
  height: number;
}

/** The trace link: the data source's own (e.g. to Tempo), else the Trace URL option; http(s) only. */
function traceHref(event: FeedEvent, template: string): string | undefined {
  const link = linksOf(event.traceSource)[0];
  if (link !== undefined) {
    return link.href;
  }
  return template !== '' && event.traceId !== ''
    ? safeUrl(template.split('${traceId}').join(encodeURIComponent(event.traceId)))
    : undefined;
}

/** "Sample: Grafana keeps one event per 1 s step — 40 of ≈500 events in this range (8.0 %)". */
export function sampleText(sample: FeedSample): string {
  const step = sample.stepMs === undefined ? 'query' : formatStep(sample.stepMs);
  if (!isSample(sample)) {
    return `All ${sample.delivered.toLocaleString()} events in this range`;
  }
  const counted =
    sample.eventsInRange === undefined
      ? `${sample.delivered.toLocaleString()} delivered`
      : `${sample.delivered.toLocaleString()} of ≈${Math.round(sample.eventsInRange).toLocaleString()} events in this range (${((100 * sample.delivered) / sample.eventsInRange).toFixed(1)} %)`;
  return `Sample: Grafana keeps one event per ${step} step — ${counted}`;
}

interface RowProps {
  event: FeedEvent;
  timeZone: string;
  today: string;
  traceUrlTemplate: string;
  onFollow: (userId: string) => void;
  /** The feed's columns, the same for its header and every row. */
  columns: string;
}

/** The columns of the feed: the time column wide enough for dates when any row is not from today. */
function feedColumns(dated: boolean): string {
  return `${dated ? 134 : 64}px minmax(0, 1.2fr) minmax(0, 1fr) 52px`;
}

/** One event; memoised so a streaming update renders only the rows it adds. */
const FeedRow = React.memo(function FeedRow({ event, timeZone, today, traceUrlTemplate, onFollow, columns }: RowProps) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const href = traceHref(event, traceUrlTemplate);
  const day = dateTimeFormat(event.time, { format: 'YYYY-MM-DD', timeZone });
  return (
    <div className={styles.row} style={{ gridTemplateColumns: columns }} role="row" data-testid="feed-event">
      <time className={styles.time} role="cell" dateTime={new Date(event.time).toISOString()}>
        {dateTimeFormat(event.time, { format: day === today ? 'HH:mm:ss' : 'YYYY-MM-DD HH:mm:ss', timeZone })}
      </time>
      <span className={styles.event} role="cell">
        <span className={styles.dot} style={{ background: eventColor(event.event, theme) }} aria-hidden />
        {event.event}
      </span>
      <span role="cell" className={styles.userCell}>
        {event.userId === '' ? (
          <span className={styles.anonymous}>anonymous</span>
        ) : (
          <button
            type="button"
            className={styles.user}
            aria-label={`Follow user ${event.userId}`}
            title="Follow this user (pseudonym)"
            onClick={() => onFollow(event.userId)}
          >
            {event.userId}
          </button>
        )}
      </span>
      <span role="cell">
        {href === undefined ? (
          <span className={styles.noTrace}>{event.traceId === '' ? '' : event.traceId.slice(0, 8)}</span>
        ) : (
          <a
            className={styles.trace}
            href={href}
            target="_blank"
            rel="noreferrer"
            aria-label={`Trace ${event.traceId} of ${event.event}`}
          >
            trace ↗
          </a>
        )}
      </span>
    </div>
  );
});

/** Recent individual events from exemplars, with how much Grafana samples; pauses while the pointer or focus is on it. */
export function LiveFeed({ events, sample, limit, timeZone, traceUrlTemplate, rangeKey, from, height }: Props) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const { feed, followed, paused, waitingCount, pause, resume, follow, now } = useLiveFeed(
    events,
    limit,
    rangeKey,
    from
  );
  const [scrollTop, setScrollTop] = useState(0);
  const rowHeight = theme.spacing.gridSize * 3;
  const shown = feedWindow(scrollTop, height, rowHeight, feed.length);
  const today = dateTimeFormat(now, { format: 'YYYY-MM-DD', timeZone });
  const columns = feedColumns(
    feed.some((event) => dateTimeFormat(event.time, { format: 'YYYY-MM-DD', timeZone }) !== today)
  );
  return (
    <section
      className={styles.section}
      aria-label="Live feed of recent events"
      onMouseEnter={pause}
      onMouseLeave={resume}
      onFocus={pause}
      onBlur={(e) => (e.currentTarget.contains(e.relatedTarget as Node | null) ? undefined : resume())}
    >
      <h3 className={styles.heading}>
        Recent events
        {paused && (
          <span className={styles.paused} role="status">
            Paused{waitingCount > 0 ? ` · ${waitingCount} new` : ''}
          </span>
        )}
      </h3>
      {sample !== undefined && <p className={styles.sample}>{sampleText(sample)}</p>}
      {followed !== undefined && (
        <p className={styles.following}>
          Following {followed} · {feed.length} {feed.length === 1 ? 'event' : 'events'} seen
          <button type="button" className={styles.unfollow} onClick={() => follow(undefined)}>
            Show everyone
          </button>
        </p>
      )}
      {feed.length === 0 ? (
        <p className={styles.empty}>No events yet: switch on “Exemplars” on the feed query.</p>
      ) : (
        <div role="table" className={styles.table} aria-label={`${feed.length} most recent events, newest first`}>
          <div role="rowgroup">
            <div role="row" className={styles.header} style={{ gridTemplateColumns: columns }}>
              <span role="columnheader">Time</span>
              <span role="columnheader">Event</span>
              <span role="columnheader">User</span>
              <span role="columnheader">Trace</span>
            </div>
          </div>
          <div
            role="rowgroup"
            className={styles.list}
            tabIndex={0}
            style={{
              maxHeight: height,
              paddingTop: shown.start * rowHeight,
              paddingBottom: (feed.length - shown.end) * rowHeight,
            }}
            onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
          >
            {feed.slice(shown.start, shown.end).map((event) => (
              <FeedRow
                key={event.id}
                event={event}
                timeZone={timeZone}
                today={today}
                traceUrlTemplate={traceUrlTemplate}
                onFollow={follow}
                columns={columns}
              />
            ))}
          </div>
        </div>
      )}
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => {
  const columns = {
    display: 'grid',
    gap: theme.spacing(1),
    padding: theme.spacing(0, 0.5),
    alignItems: 'center',
    fontSize: theme.typography.bodySmall.fontSize,
  } as const;
  const ellipsis = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;
  const small = {
    margin: 0,
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
  } as const;
  return {
    section: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5), minWidth: 0, minHeight: 0 }),
    heading: css({
      margin: 0,
      display: 'flex',
      justifyContent: 'space-between',
      fontSize: theme.typography.bodySmall.fontSize,
      color: theme.colors.text.secondary,
      fontWeight: 'normal',
    }),
    paused: css({ color: theme.colors.warning.text }),
    sample: css(small),
    following: css({
      ...small,
      color: theme.colors.text.primary,
      display: 'flex',
      gap: theme.spacing(1),
      alignItems: 'baseline',
    }),
    unfollow: css({
      all: 'unset',
      cursor: 'pointer',
      color: theme.colors.text.link,
      '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}` },
    }),
    table: css({ display: 'flex', flexDirection: 'column', minHeight: 0, flex: '1 1 auto' }),
    header: css({
      ...columns,
      color: theme.colors.text.secondary,
      borderBottom: `1px solid ${theme.colors.border.medium}`,
    }),
    list: css({
      overflowY: 'auto',
      flex: '1 1 auto',
      outline: 'none',
      '&:focus-visible': { boxShadow: `0 0 0 2px ${theme.colors.primary.main}` },
    }),
    row: css({
      ...columns,
      height: theme.spacing(3),
      boxSizing: 'border-box',
      overflow: 'hidden',
      borderBottom: `1px solid ${theme.colors.border.weak}`,
    }),
    time: css({ color: theme.colors.text.secondary, fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }),
    event: css({
      ...ellipsis,
      color: theme.colors.text.primary,
      display: 'flex',
      alignItems: 'center',
      gap: theme.spacing(0.5),
    }),
    dot: css({ flex: '0 0 auto', width: 8, height: 8, borderRadius: '50%' }),
    userCell: css({ minWidth: 0, display: 'flex' }),
    user: css({
      all: 'unset',
      ...ellipsis,
      cursor: 'pointer',
      fontFamily: theme.typography.fontFamilyMonospace,
      color: theme.colors.text.link,
      '&:hover': { textDecoration: 'underline' },
      '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}` },
    }),
    anonymous: css({ color: theme.colors.text.secondary }),
    trace: css({ color: theme.colors.text.link, whiteSpace: 'nowrap', '&:hover': { textDecoration: 'underline' } }),
    noTrace: css({ fontFamily: theme.typography.fontFamilyMonospace, color: theme.colors.text.secondary }),
    empty: css(small),
  };
};
