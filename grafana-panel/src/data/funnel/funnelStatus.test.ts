import { getDefaultTimeRange, LoadingState, type DataFrame, type PanelData } from '@grafana/data';
import { checkoutBaselineSteps, checkoutSteps, stepSeriesFrames } from '../fixtures/frames';
import { funnelStatus } from './funnelStatus';

const options = { namespace: '', comparisonRefId: 'B', timeToConvertRefId: 'C', breakdownLabel: '' };

function panelData(series: DataFrame[], extra: Partial<PanelData> = {}): PanelData {
  return { state: LoadingState.Done, series, timeRange: getDefaultTimeRange(), ...extra };
}

describe('funnelStatus', () => {
  it('keeps the baseline and time-to-convert queries out of the steps', () => {
    const result = funnelStatus(
      panelData([
        ...stepSeriesFrames(checkoutSteps),
        ...stepSeriesFrames(checkoutBaselineSteps, { refId: 'B' }),
        ...stepSeriesFrames([['cart_added', 30]], { refId: 'C', stepIndexes: [1] }),
      ]),
      options
    );
    expect(result.status).toBe('ok');
    if (result.status === 'ok') {
      expect(result.model.stepNames).toHaveLength(4);
      expect(result.model.hasBaseline).toBe(true);
      expect(result.model.groups[0]?.steps[1]?.medianSecondsToConvert).toBe(30);
    }
  });

  it('treats refId B as a step when comparison is off', () => {
    const result = funnelStatus(panelData(stepSeriesFrames(checkoutBaselineSteps, { refId: 'B' })), {
      ...options,
      comparisonRefId: '',
    });
    expect(result.status === 'ok' && result.model.groups[0]?.steps[0]?.count).toBe(900);
  });

  it('says no data when only the baseline returned something', () => {
    expect(funnelStatus(panelData(stepSeriesFrames(checkoutBaselineSteps, { refId: 'B' })), options).status).toBe(
      'nodata'
    );
  });

  it('reports the query error before anything else', () => {
    const result = funnelStatus(
      panelData(stepSeriesFrames(checkoutSteps), { errors: [{ message: 'timeout' }] }),
      options
    );
    expect(result).toEqual({ status: 'error', message: 'timeout' });
  });
});
