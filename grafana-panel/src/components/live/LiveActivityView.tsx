import { css } from '@emotion/css';
import type { GrafanaTheme2, PanelProps } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import React, { useMemo } from 'react';
import { exampleQueries } from '../../data/exampleQueries';
import { liveStatus } from '../../data/live/liveStatus';
import type { PanelOptions } from '../../types';
import { PanelMessage } from '../shared/PanelMessage';
import { ActiveUsersStat } from './ActiveUsersStat';
import { EventRates } from './EventRates';
import { LiveFeed } from './LiveFeed';

/** Two columns when there is room for a readable feed beside the numbers, else stacked. */
const twoColumnWidth = 560;
/** Room the feed's heading takes above its list. */
const feedHeadingHeight = 24;

export function LiveActivityView({ data, options, width, height, timeZone }: PanelProps<PanelOptions>) {
  const styles = useStyles2(getStyles);
  const result = useMemo(() => liveStatus(data, options.namespace), [data, options.namespace]);
  const examples = useMemo(() => exampleQueries(options.namespace), [options.namespace]);
  if (result.status !== 'ok') {
    return <PanelMessage state={result} />;
  }
  const twoColumns = width >= twoColumnWidth;
  const sideWidth = twoColumns ? Math.floor(width * 0.42) : width;
  return (
    <div
      className={styles.wrapper}
      style={{ width, height, gridTemplateColumns: twoColumns ? `${sideWidth}px minmax(0, 1fr)` : 'minmax(0, 1fr)' }}
      data-testid="live-view"
    >
      <div className={styles.side}>
        <ActiveUsersStat activeUsers={result.model.activeUsers} width={sideWidth} exampleQuery={examples.activeUsers} />
        <EventRates rates={result.model.eventRates} exampleQuery={examples.eventRates} />
      </div>
      <LiveFeed
        events={result.model.events}
        limit={options.feedLength}
        timeZone={timeZone}
        traceUrlTemplate={options.traceUrlTemplate}
        height={twoColumns ? height - feedHeadingHeight : Math.max(feedHeadingHeight * 5, Math.floor(height / 2))}
      />
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrapper: css({ display: 'grid', gap: theme.spacing(2), overflow: 'auto', alignItems: 'stretch' }),
  side: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1.5), minWidth: 0 }),
});
