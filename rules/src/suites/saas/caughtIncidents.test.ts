import { defaultWebhookUrl } from '../../generate/alertmanager';
import { likelyCauseQuery } from '../../generate/annotations';
import { generateFiles } from '../../generate/generate';
import { buildModel } from '../../model/model';
import { queryWithPromtool } from '../../testing/measure';
import { day, hour, minute } from '../../testing/series';
import { failedChecks } from './runCase';
import { saasWith } from './saasAlerts';
import { environment, saasSeries } from './saasTraffic';
import { browserSpike, flashSale } from './scenarios';

/** The incidents the rules were built for stay caught, at the same times, for the same label sets only. */
describe('caught incidents', () => {
  it.each([flashSale, browserSpike])(
    '$name: exactly the expected alerts, at the expected times',
    (c) => {
      expect(failedChecks(c)).toEqual([]);
    },
    300_000
  );

  it('the conversion page names the failing gateway: stripe loses the most conversions, by far', () => {
    const spec = saasWith(['purchase_conversion_low']);
    const signal = buildModel(spec).alerts[0]?.signal;
    const cause = signal === undefined ? undefined : likelyCauseQuery(signal);
    if (cause === undefined) throw new Error('the purchase conversion alert names no likely cause');
    // The annotation's query with the alert's own label values, as its template fills them in.
    const query = cause.labels.reduce(
      (q, label) => q.replace('%q', JSON.stringify(label === 'environment' ? environment : '')),
      cause.query
    );
    const time = 8 * day + 12 * hour + 20 * minute;
    const {
      samples: [lost = []],
    } = queryWithPromtool(
      generateFiles(spec, { webhookUrl: defaultWebhookUrl }),
      flashSale.scenario.step,
      saasSeries(spec.namespace, { ...flashSale.scenario, end: time }),
      [{ expr: query, time }]
    );
    const [first, second] = [...lost].sort((a, b) => b.value - a.value);
    expect(first?.labels.gateway).toBe('stripe');
    // Over a hundred conversions lost through stripe; any other gateway a fifth of that at most.
    const stripeLost = first?.value ?? 0;
    expect(stripeLost).toBeGreaterThan(100);
    expect(second?.value ?? 0).toBeLessThan(stripeLost / 5);
  }, 300_000);
});
