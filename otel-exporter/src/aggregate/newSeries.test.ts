import { DataPointType } from '@opentelemetry/sdk-metrics';
import { productMetricNames } from '../contract/families';
import { createNowcast } from '../nowcast';
import { manualClock, specOf } from '../testing/fixtures';

const names = productMetricNames('shop');
const spec = specOf({
  namespace: 'shop',
  events: {
    page_viewed: { properties: { page: { values: ['home', 'pricing'] }, platform: { values: ['web'] } } },
    payment_failed: { properties: { provider: { maxValues: 5 } } },
  },
});

/** The value of one exposed sample line, or undefined when the series is absent. */
function exposed(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.split(' ')[1]);
}

describe('series that exist before their first event', () => {
  it('exposes every combination of listed values, and the empty value, at 0 from the start', () => {
    const nowcast = createNowcast({ spec, clock: manualClock(), sweepIntervalMs: 0 });
    const text = nowcast.metrics('prometheus');
    for (const page of ['home', 'pricing', '']) {
      for (const platform of ['web', '']) {
        expect(exposed(text, `${names.events}{event="page_viewed",page="${page}",platform="${platform}"}`)).toBe(0);
      }
    }
  });

  it('exposes a series created by an event at 0 on the first scrape, with its value from the next', () => {
    const clock = manualClock();
    const nowcast = createNowcast({ spec, clock, sweepIntervalMs: 0 });
    const series = `${names.events}{event="payment_failed",provider="adyen"}`;
    for (let i = 0; i < 50; i++)
      nowcast.pipeline.record('payment_failed', { 'user.id': 'u', provider: 'adyen' }, clock());
    expect(exposed(nowcast.metrics('prometheus'), series)).toBe(0);
    expect(exposed(nowcast.metrics('prometheus'), series)).toBe(50);
    expect(exposed(nowcast.metrics('openmetrics'), series)).toBe(50);
  });

  it('gives the OTLP producer its own first collection at 0', async () => {
    const clock = manualClock();
    const nowcast = createNowcast({ spec, clock, sweepIntervalMs: 0 });
    nowcast.pipeline.record('payment_failed', { 'user.id': 'u', provider: 'adyen' }, clock());
    nowcast.metrics('prometheus');
    const sent = async () => {
      const { resourceMetrics } = await nowcast.producer.collect();
      const events = resourceMetrics.scopeMetrics[0]?.metrics.find((m) => m.descriptor.name === 'shop_events');
      if (events?.dataPointType !== DataPointType.SUM) throw new Error('no events sum');
      return events.dataPoints.find((p) => p.attributes.provider === 'adyen')?.value;
    };
    expect(await sent()).toBe(0);
    expect(await sent()).toBe(1);
  });
});
