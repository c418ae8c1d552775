import { css } from '@emotion/css';
import type { GrafanaTheme2, PanelProps, TimeRange } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import React, { useMemo } from 'react';
import { exampleQueries } from '../../data/exampleQueries';
import { liveStatus } from '../../data/live/liveStatus';
import type { PanelOptions } from '../../types';
import { Notices } from '../shared/Notices';
import { PanelMessage } from '../shared/PanelMessage';
import { ActiveUsersStat } from './ActiveUsersStat';
import { EventRates } from './EventRates';
import { LiveFeed } from './LiveFeed';

/** Two columns when there is room for a readable feed beside the numbers, else stacked. */
const twoColumnWidth = 560;
/** Below this height a stacked view keeps the numbers to a line each, so the feed still shows. */
const roomyHeight = 320;
/** Room the feed's heading, sample line and column headers take above its rows. */
const feedHeadingHeight = 64;

/**
 * A key for the dashboard's time range: the picker's text for a relative range ("now-1h", which
 * moves with every refresh but stays the same range), the times themselves for an absolute one.
 */
function rangeKey(range: TimeRange): string {
  const text = (value: unknown) => (typeof value === 'string' ? value : String(Number(value)));
  return `${text(range.raw.from)}|${text(range.raw.to)}`;
}

export function LiveActivityView({ data, options, width, height, timeZone, timeRange }: PanelProps<PanelOptions>) {
  const styles = useStyles2(getStyles);
  const { namespace, activeUsersRefId, ratesRefId, feedRefId } = options;
  const result = useMemo(
    () => liveStatus(data, { namespace, activeUsersRefId, ratesRefId, feedRefId }),
    [data, namespace, activeUsersRefId, ratesRefId, feedRefId]
  );
  const examples = useMemo(() => exampleQueries(namespace), [namespace]);
  if (result.status !== 'ok') {
    return <PanelMessage state={result} />;
  }
  const twoColumns = width >= twoColumnWidth;
  const condensed = !twoColumns && height < roomyHeight;
  const sideWidth = twoColumns ? Math.floor(width * 0.42) : width;
  const range = data.timeRange ?? timeRange;
  return (
    <div className={styles.outer} style={{ width, height }}>
      <Notices notices={result.model.notices} collapsed={!twoColumns} />
      <div
        className={styles.wrapper}
        style={{ gridTemplateColumns: twoColumns ? `${sideWidth}px minmax(0, 1fr)` : 'minmax(0, 1fr)' }}
        data-testid="live-view"
      >
        <div className={styles.side}>
          {activeUsersRefId !== '' && (
            <ActiveUsersStat
              activeUsers={result.model.activeUsers}
              width={sideWidth}
              exampleQuery={examples.activeUsers}
              condensed={condensed}
            />
          )}
          {ratesRefId !== '' && (
            <EventRates
              rates={condensed ? result.model.eventRates.slice(0, 3) : result.model.eventRates}
              exampleQuery={examples.eventRates}
            />
          )}
        </div>
        {feedRefId !== '' && (
          <LiveFeed
            events={result.model.events}
            sample={result.model.sample}
            limit={options.feedLength}
            timeZone={timeZone}
            traceUrlTemplate={options.traceUrlTemplate}
            rangeKey={rangeKey(range)}
            from={range.from.valueOf()}
            height={twoColumns ? height - feedHeadingHeight : Math.max(feedHeadingHeight * 2, Math.floor(height / 2))}
          />
        )}
      </div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  outer: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5), overflow: 'hidden' }),
  wrapper: css({
    display: 'grid',
    gap: theme.spacing(2),
    overflow: 'auto',
    alignItems: 'stretch',
    flex: '1 1 auto',
    minHeight: 0,
  }),
  side: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1.5), minWidth: 0 }),
});
