import { LoadingState, toDataFrame, type PanelData, getDefaultTimeRange } from '@grafana/data';
import { activeUsersDTO, eventRateDTOs, exemplarDTO, fixedNow } from '../fixtures/dtos';
import { defaultNamespace } from '@nowcast/otel-exporter/contract';
import { exampleQueries } from '../exampleQueries';
import { liveStatus } from './liveStatus';

function panelData(partial: Partial<PanelData>): PanelData {
  return { state: LoadingState.Streaming, series: [], timeRange: getDefaultTimeRange(), ...partial };
}

describe('liveStatus', () => {
  it('reads the estimate with its history, the rates per event summed over series, and the exemplars', () => {
    const result = liveStatus(
      panelData({
        series: [
          activeUsersDTO([10, 12, 15]),
          ...eventRateDTOs([
            ['cart_added', 1.5],
            ['page_viewed', 4],
            ['cart_added', 0.5],
          ]),
        ].map((dto) => toDataFrame(dto)),
        annotations: [toDataFrame(exemplarDTO([{ secondsAgo: 1, event: 'cart_added', userId: 'u', traceId: 't' }]))],
      }),
      ''
    );
    expect(result.status).toBe('ok');
    if (result.status !== 'ok') {
      return;
    }
    expect(result.model.activeUsers).toMatchObject({ now: 15, label: 'shop · 5m' });
    expect(result.model.activeUsers?.history).toEqual([
      [fixedNow - 120_000, 10],
      [fixedNow - 60_000, 12],
      [fixedNow, 15],
    ]);
    expect(result.model.eventRates.map((r) => [r.event, r.perSecond])).toEqual([
      ['page_viewed', 4],
      ['cart_added', 2],
    ]);
    expect(result.model.events.map((e) => e.userId)).toEqual(['u']);
  });

  it('reports no data, errors, and frames it cannot use', () => {
    expect(liveStatus(panelData({}), '').status).toBe('nodata');
    expect(liveStatus(panelData({ state: LoadingState.Error }), '').status).toBe('error');
    const strings = toDataFrame({ refId: 'A', fields: [{ name: 'note', values: ['x'] }] });
    expect(liveStatus(panelData({ series: [strings] }), '')).toMatchObject({ status: 'unsupported' });
  });

  it('suggests the queries in the panel’s namespace, else the default one', () => {
    const shop = liveStatus(panelData({}), 'shop');
    expect(shop.status === 'nodata' && shop.message).toContain(exampleQueries('shop').activeUsers);
    expect(shop.status === 'nodata' && shop.message).toContain(exampleQueries('shop').eventRates);
    const unnamed = liveStatus(panelData({}), '');
    expect(unnamed.status === 'nodata' && unnamed.message).toContain(exampleQueries(defaultNamespace).eventRates);
  });
});
