import type { PanelProps } from '@grafana/data';
import React from 'react';
import type { PanelOptions } from '../types';
import { FunnelView } from './funnel/FunnelView';
import { LiveActivityView } from './live/LiveActivityView';

/** The panel Grafana mounts: picks the view; each view owns its data hook and states. */
export function AnalyticsPanel(props: PanelProps<PanelOptions>) {
  return props.options.mode === 'live' ? <LiveActivityView {...props} /> : <FunnelView {...props} />;
}
