import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { context, trace, TraceFlags } from '@opentelemetry/api';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import {
  activeUsersEstimatePromql,
  createNowcast,
  eventValueFamily,
  hllStandardError,
  loadSpec,
  mergedRegistersPromql,
  productMetricNames,
  selfMetricNames,
  type Nowcast,
  type MetricsServer,
} from '@nowcast/otel-exporter';
import { startPrometheus, type RunningPrometheus } from '@nowcast/test-support';

/**
 * The exporter inside an app, scraped by a real Prometheus 2.42 (1 s, OpenMetrics, exemplar
 * storage): after a scripted shop run, PromQL over the scraped series equals the ground truth.
 */
jest.setTimeout(30_000);

describe('exporter scraped by a real Prometheus', () => {
  const names = productMetricNames('product');
  const revenue = eventValueFamily('product', 'EUR').name;
  const key = 'e2e-exemplar-key';
  const minute = 60_000;
  let offsetMs = 0;
  let nowcast: Nowcast;
  let server: MetricsServer;
  let prometheus: RunningPrometheus;
  const started = Date.now() / 1000;
  const truth = {
    viewed: 0,
    viewedOnIos: 0,
    carted: 0,
    checkouts: 0,
    paid: 0,
    revenue: 0,
    visitors: new Set<string>(),
    buyers: new Set<string>(),
    tracedBuyers: new Map<string, string>(),
  };

  beforeAll(async () => {
    const spec = await loadSpec(join(__dirname, '../../../examples/shop/analytics.yaml'));
    // A clock we can move past the funnel window without waiting 30 minutes.
    nowcast = createNowcast({ spec, clock: () => Date.now() + offsetMs, userIdKey: key, sweepIntervalMs: 0 });
    const logger = new LoggerProvider({ processors: [nowcast.processor] }).getLogger('shop');
    const emit = (eventName: string, attributes: Record<string, string | number>, traceId?: string) => {
      const spanContext = traceId && { traceId, spanId: traceId.slice(0, 16), traceFlags: TraceFlags.SAMPLED };
      logger.emit({
        eventName,
        attributes,
        context: spanContext ? trace.setSpanContext(context.active(), spanContext) : undefined,
      });
    };
    const platforms = ['web', 'ios', 'android'];
    for (let i = 0; i < 300; i++) {
      emit('page_viewed', { 'anonymous.id': `anon-${i}`, page: 'home', platform: 'web' });
      truth.visitors.add(`anon-${i}`);
    }
    for (let i = 0; i < 200; i++) {
      const user = `user-${i}`;
      truth.visitors.add(user);
      emit('product_viewed', { 'user.id': user, category: `c${i % 5}`, platform: platforms[i % 3] ?? 'web' });
      truth.viewed++;
      if (platforms[i % 3] === 'ios') truth.viewedOnIos++;
      if (i % 5 < 3) {
        emit('added_to_cart', { 'user.id': user, category: `c${i % 5}`, quantity: 1 });
        truth.carted++;
      }
      if (i % 5 < 2) {
        emit('checkout_started', { 'user.id': user, payment_provider: 'stripe' });
        truth.checkouts++;
      }
      if (i % 5 < 2 && i % 4 !== 3) {
        const traceId = createHmac('sha256', 'trace').update(user).digest('hex').slice(0, 32);
        emit('payment_succeeded', { 'user.id': user, payment_provider: 'stripe', amount: i + 0.5 }, traceId);
        truth.paid++;
        truth.revenue += i + 0.5;
        truth.buyers.add(user);
        truth.tracedBuyers.set(user, traceId);
      }
    }
    server = await nowcast.listen({ port: 0, host: '127.0.0.1' });
    prometheus = await startPrometheus({ targets: [`127.0.0.1:${server.address.port}`], scrapeInterval: '1s' });
  }, 60_000);

  afterAll(async () => {
    await prometheus?.stop();
    await nowcast?.shutdown();
  });

  const value = async (promql: string, expected: number) => {
    const [sample] = await prometheus.waitFor(promql, (s) => s.length === 1 && s[0]?.value === expected);
    return sample?.value;
  };

  it('scrapes OpenMetrics successfully', async () => {
    await value('up{job="nowcast"}', 1);
    await value(`sum(${selfMetricNames.dropped})`, 0);
  });

  it('counts events and values exactly', async () => {
    await value(`sum(${names.events}{event="product_viewed"})`, truth.viewed);
    await value(`sum(${names.events}{event="added_to_cart"})`, truth.carted);
    await value(`sum(${names.events}{event="payment_succeeded",payment_provider="stripe"})`, truth.paid);
    await value(`sum(${revenue}{event="payment_succeeded"})`, truth.revenue);
    await value(`sum(${names.events}{event="product_viewed",platform="ios"})`, truth.viewedOnIos);
  });

  it('counts funnel steps live', async () => {
    const steps = [truth.viewed, truth.carted, truth.checkouts, truth.paid];
    for (const [index, expected] of steps.entries()) {
      await value(`sum(${names.funnelStep}{funnel="checkout",step_index="${index}"})`, expected);
    }
    // Outcomes wait for the window's end, completed or not (the next test).
    await value(`sum(${names.funnelAttempts}{funnel="checkout"})`, 0);
  });

  it('estimates unique users from the registers in PromQL within 3 standard errors', async () => {
    const estimate = activeUsersEstimatePromql(mergedRegistersPromql('product'), 10);
    const tolerance = 3 * hllStandardError(10);
    for (const [scope, expected] of [
      ['visitors', truth.visitors.size],
      ['buyers', truth.buyers.size],
    ] as const) {
      const samples = await prometheus.waitFor(`${estimate}`, (s) =>
        s.some((x) => x.metric.scope === scope && x.metric.window === '5m')
      );
      const got = samples.find((x) => x.metric.scope === scope && x.metric.window === '5m')?.value ?? NaN;
      expect(Math.abs(got - expected) / expected).toBeLessThan(tolerance);
    }
  });

  it('stores exemplars with pseudonymised user ids and trace ids', async () => {
    const pseudonyms = new Map(
      [...truth.tracedBuyers].map(([user, traceId]) => [
        createHmac('sha256', key).update(user).digest('hex').slice(0, 16),
        traceId,
      ])
    );
    let exemplars: { labels: Record<string, string> }[] = [];
    const deadline = Date.now() + 15_000;
    while (exemplars.length === 0 && Date.now() < deadline) {
      const result = await prometheus.queryExemplars(
        `${names.events}{event="payment_succeeded"}`,
        started - 60,
        Date.now() / 1000 + 60
      );
      exemplars = result.flatMap((r) => r.exemplars);
      if (exemplars.length === 0) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(exemplars.length).toBeGreaterThan(0);
    for (const exemplar of exemplars) {
      const userId = exemplar.labels.user_id ?? '';
      expect(pseudonyms.get(userId)).toBe(exemplar.labels.trace_id);
      expect(userId).not.toMatch(/^user-/);
    }
  });

  it('records every outcome and time to convert when the watermark passes the window', async () => {
    // Past the 30m window and the 30s allowed lateness.
    offsetMs = 31 * minute;
    nowcast.sweep();
    await value(`sum(${names.funnelAttempts}{funnel="checkout",reached_step="3"})`, truth.paid);
    await value(`sum(${names.funnelConversionSeconds}_count{funnel="checkout",step="payment_succeeded"})`, truth.paid);
    await value(`sum(${names.funnelAttempts}{funnel="checkout",reached_step="0"})`, truth.viewed - truth.carted);
    await value(`sum(${names.funnelAttempts}{funnel="checkout",reached_step="1"})`, truth.carted - truth.checkouts);
    await value(`sum(${names.funnelAttempts}{funnel="checkout",reached_step="2"})`, truth.checkouts - truth.paid);
    await value(`sum(${names.funnelAttempts}{funnel="checkout"})`, truth.viewed);
    await value(`sum(${selfMetricNames.funnelUsers})`, 0);
  });
});
