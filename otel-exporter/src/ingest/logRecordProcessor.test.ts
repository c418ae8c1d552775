import { context, trace, TraceFlags } from '@opentelemetry/api';
import { logs } from '@opentelemetry/api-logs';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { eventValueFamily, productMetricNames, selfMetricNames } from '../contract';
import { createNowcast } from '../nowcast';
import { loadShopSpec, manualClock } from '../testing/fixtures';
import { collectSamples, sumOf } from '../testing/samples';
import type { AnalyticsSpec } from '../spec/model';

let shop: AnalyticsSpec;
beforeAll(async () => {
  shop = await loadShopSpec();
});

const names = productMetricNames('product');
const revenue = eventValueFamily('product', 'EUR').name;

function wired() {
  const clock = manualClock();
  const nowcast = createNowcast({ spec: shop, clock, sweepIntervalMs: 0, userIdKey: 'k' });
  const provider = new LoggerProvider({ processors: [nowcast.processor] });
  return { nowcast, clock, provider, logger: provider.getLogger('shop') };
}

describe('NowcastLogRecordProcessor', () => {
  it('counts log records by eventName, and by the older event.name attribute', () => {
    const { nowcast, logger } = wired();
    logger.emit({ eventName: 'signed_up', attributes: { 'user.id': 'u1', platform: 'ios' } });
    logger.emit({ attributes: { 'event.name': 'signed_up', 'enduser.id': 'u2', platform: 'ios' } });
    logger.emit({ body: 'an ordinary log line', attributes: { 'user.id': 'u3' } });
    const samples = collectSamples(nowcast.pipeline);
    expect(sumOf(samples, names.events, { event: 'signed_up', platform: 'ios' })).toBe(2);
    expect(sumOf(samples, selfMetricNames.received)).toBe(2);
  });

  it('takes trace and span ids from the record context for exemplars', () => {
    const { nowcast, logger } = wired();
    const spanContext = {
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      traceFlags: TraceFlags.SAMPLED,
    };
    logger.emit({
      eventName: 'payment_succeeded',
      context: trace.setSpanContext(context.active(), spanContext),
      attributes: { 'user.id': 'u1', payment_provider: 'adyen', amount: 5 },
    });
    const exemplar = collectSamples(nowcast.pipeline).find(
      (s) => s.name === names.events && s.labels.event === 'payment_succeeded' && s.labels.payment_provider === 'adyen'
    )?.exemplar;
    expect(exemplar).toMatchObject({ traceId: spanContext.traceId, spanId: spanContext.spanId, userId: 'u1' });
  });

  it('uses the record timestamp for funnel timing', () => {
    const { nowcast, clock, logger } = wired();
    const start = clock() - 20_000;
    logger.emit({ eventName: 'page_viewed', timestamp: start, attributes: { 'user.id': 'u', page: 'pricing' } });
    logger.emit({ eventName: 'signed_up', timestamp: start + 42_000, attributes: { 'user.id': 'u' } });
    // Times to convert are recorded when the watermark passes the signup window (1h).
    clock.advance(61 * 60_000);
    nowcast.sweep();
    const samples = collectSamples(nowcast.pipeline);
    expect(sumOf(samples, `${names.funnelConversionSeconds}_sum`, { funnel: 'signup' })).toBeCloseTo(42, 6);
  });

  it('never throws into the emitting code, even for a record whose attributes throw when read', () => {
    const { nowcast } = wired();
    const hostile = {
      hrTime: [1, 0],
      get eventName(): string {
        throw new Error('boom');
      },
      attributes: {},
    };
    // A processor is also called by other SDKs and by hand; a broken record must not escape.
    expect(() => nowcast.processor.onEmit(hostile as never)).not.toThrow();
    expect(nowcast.pipeline.self.droppedFor('internal_error')).toBe(1);
  });
});

describe('track()', () => {
  afterEach(() => logs.disable());

  it('emits through the LoggerProvider it is given, reaching the other processors too', () => {
    const seen: string[] = [];
    const providers: LoggerProvider[] = [];
    const nowcast = createNowcast({
      spec: shop,
      sweepIntervalMs: 0,
      loggerProvider: () => providers[0] ?? logs.getLoggerProvider(),
    });
    const provider = new LoggerProvider({
      processors: [
        nowcast.processor,
        { onEmit: (r) => seen.push(r.eventName ?? ''), forceFlush: async () => {}, shutdown: async () => {} },
      ],
    });
    providers.push(provider);
    nowcast.track('payment_succeeded', { userId: 'u1', properties: { payment_provider: 'stripe' }, value: 30 });
    expect(seen).toEqual(['payment_succeeded']);
    const samples = collectSamples(nowcast.pipeline);
    expect(sumOf(samples, revenue, { payment_provider: 'stripe' })).toBe(30);
    expect(sumOf(samples, selfMetricNames.received)).toBe(1);
  });

  it('finds the global LoggerProvider NodeSDK registers', () => {
    const nowcast = createNowcast({ spec: shop, sweepIntervalMs: 0 });
    logs.setGlobalLoggerProvider(new LoggerProvider({ processors: [nowcast.processor] }));
    nowcast.track('signed_up', { anonymousId: 'a1', properties: { platform: 'web' } });
    expect(sumOf(collectSamples(nowcast.pipeline), names.events, { event: 'signed_up', platform: 'web' })).toBe(1);
  });

  it('records directly when no provider feeds its processor, so nothing is lost', () => {
    const nowcast = createNowcast({ spec: shop, sweepIntervalMs: 0 });
    nowcast.track('signed_up', { userId: 'u1', timestamp: new Date() });
    nowcast.track('signed_up', { userId: 'u1', timestamp: Number.NaN });
    const samples = collectSamples(nowcast.pipeline);
    expect(sumOf(samples, names.events, { event: 'signed_up' })).toBe(1);
    expect(nowcast.pipeline.self.droppedFor('invalid_timestamp')).toBe(1);
  });
});
