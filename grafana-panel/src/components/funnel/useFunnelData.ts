import type { PanelData } from '@grafana/data';
import { useMemo } from 'react';
import { funnelStatus } from '../../data/funnel/funnelStatus';
import type { PanelOptions } from '../../types';

/**
 * The funnel model for the current data, recomputed only when the data or the options change
 * (Grafana hands the panel a new options object only when an option changed).
 */
export function useFunnelData(data: PanelData, options: PanelOptions) {
  return useMemo(() => funnelStatus(data, options), [data, options]);
}
