import { css } from '@emotion/css';
import { dateTimeFormat, type GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import React, { useState } from 'react';
import type { FeedEvent } from '../../data/live/readExemplars';
import { linksOf } from '../shared/display';
import { feedWindow } from './feedWindow';
import { useLiveFeed } from './useLiveFeed';

interface Props {
  events: FeedEvent[];
  limit: number;
  timeZone: string;
  traceUrlTemplate: string;
  /** Height available to the list; rows outside it are not rendered. */
  height: number;
}

function traceHref(event: FeedEvent, template: string): string | undefined {
  const link = linksOf(event.traceSource)[0];
  if (link !== undefined) {
    return link.href;
  }
  return template !== '' && event.traceId !== ''
    ? template.split('${traceId}').join(encodeURIComponent(event.traceId))
    : undefined;
}

interface RowProps {
  event: FeedEvent;
  timeZone: string;
  traceUrlTemplate: string;
}

/** One event; memoised so a streaming update renders only the rows it adds. */
const FeedRow = React.memo(function FeedRow({ event, timeZone, traceUrlTemplate }: RowProps) {
  const styles = useStyles2(getStyles);
  const href = traceHref(event, traceUrlTemplate);
  return (
    <li className={styles.row} data-testid="feed-event">
      <time className={styles.time} dateTime={new Date(event.time).toISOString()}>
        {dateTimeFormat(event.time, { format: 'HH:mm:ss', timeZone })}
      </time>
      <span className={styles.event}>{event.event}</span>
      <span className={styles.user} title="User pseudonym">
        {event.userId === '' ? 'anonymous' : event.userId}
      </span>
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
    </li>
  );
});

/** Recent individual events from exemplars; pauses while the pointer or focus is on it. */
export function LiveFeed({ events, limit, timeZone, traceUrlTemplate, height }: Props) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const { feed, paused, waitingCount, pause, resume } = useLiveFeed(events, limit);
  const [scrollTop, setScrollTop] = useState(0);
  const rowHeight = theme.spacing.gridSize * 3;
  const shown = feedWindow(scrollTop, height, rowHeight, feed.length);
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
      {feed.length === 0 ? (
        <p className={styles.empty}>No exemplars yet: switch on “Exemplars” on the events query (B).</p>
      ) : (
        <ol
          className={styles.list}
          tabIndex={0}
          aria-label={`${feed.length} most recent events, newest first`}
          style={{
            maxHeight: height,
            paddingTop: shown.start * rowHeight,
            paddingBottom: (feed.length - shown.end) * rowHeight,
          }}
          onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        >
          {feed.slice(shown.start, shown.end).map((event) => (
            <FeedRow key={event.id} event={event} timeZone={timeZone} traceUrlTemplate={traceUrlTemplate} />
          ))}
        </ol>
      )}
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
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
  list: css({
    listStyle: 'none',
    margin: 0,
    padding: 0,
    overflowY: 'auto',
    flex: '1 1 auto',
    outline: 'none',
    '&:focus-visible': { boxShadow: `0 0 0 2px ${theme.colors.primary.main}` },
  }),
  row: css({
    height: theme.spacing(3),
    boxSizing: 'border-box',
    overflow: 'hidden',
    display: 'grid',
    gridTemplateColumns: 'auto minmax(0, 1.2fr) minmax(0, 1fr) auto',
    gap: theme.spacing(1),
    padding: theme.spacing(0, 0.5),
    alignContent: 'center',
    borderBottom: `1px solid ${theme.colors.border.weak}`,
    fontSize: theme.typography.bodySmall.fontSize,
    alignItems: 'center',
  }),
  time: css({ color: theme.colors.text.secondary, fontVariantNumeric: 'tabular-nums' }),
  event: css({ color: theme.colors.text.primary, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }),
  user: css({
    fontFamily: theme.typography.fontFamilyMonospace,
    color: theme.colors.text.secondary,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  }),
  trace: css({ color: theme.colors.text.link, whiteSpace: 'nowrap', '&:hover': { textDecoration: 'underline' } }),
  noTrace: css({ fontFamily: theme.typography.fontFamilyMonospace, color: theme.colors.text.secondary }),
  empty: css({ margin: 0, color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
});
