import type { PanelData } from '@grafana/data';
import { useMemo } from 'react';
import { funnelStatus } from '../../data/funnel/funnelStatus';
import type { PanelOptions } from '../../types';

/** The funnel model for the current data, recomputed only when data or the options it reads change. */
export function useFunnelData(data: PanelData, options: PanelOptions) {
  const { namespace, comparisonRefId, timeToConvertRefId, breakdownLabel } = options;
  return useMemo(
    () => funnelStatus(data, { namespace, comparisonRefId, timeToConvertRefId, breakdownLabel }),
    [data, namespace, comparisonRefId, timeToConvertRefId, breakdownLabel]
  );
}
