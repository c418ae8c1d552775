import fc from 'fast-check';
import { eventValueFamily, productMetricNames, selfMetricNames } from '../contract';
import { createNowcast } from '../nowcast';
import { loadShopSpec, manualClock } from '../testing/fixtures';
import { promtoolCheckMetrics } from '../testing/promtool';
import { collectSamples, sumOf } from '../testing/samples';
import type { AnalyticsSpec } from '../spec/model';
import { dropReasons, type DropReason } from './dropReasons';
import type { EventAttributes } from './eventPipeline';

let shop: AnalyticsSpec;
beforeAll(async () => {
  shop = await loadShopSpec();
});

const names = productMetricNames('product');
const revenue = eventValueFamily('product', 'EUR').name;
const huge = 'x'.repeat(100_000);
const good = { 'user.id': 'u1', payment_provider: 'stripe', amount: 10 };
const throwingAttributes = new Proxy(
  {},
  {
    get() {
      throw new Error('hostile attribute bag');
    },
    // Own-property reads (Object.hasOwn) ask for the descriptor first.
    getOwnPropertyDescriptor() {
      throw new Error('hostile attribute bag');
    },
  }
);

interface BadCase {
  readonly kind: string;
  readonly name: unknown;
  readonly attributes: EventAttributes | undefined;
  readonly timestamp?: number;
  /** undefined: counted (the input is odd but valid). */
  readonly reason: DropReason | undefined;
}

const cases: BadCase[] = [
  { kind: 'event name of the wrong type', name: 42, attributes: good, reason: 'invalid_event_name' },
  { kind: 'empty event name', name: '', attributes: good, reason: 'invalid_event_name' },
  { kind: 'huge event name', name: huge, attributes: good, reason: 'too_large' },
  { kind: 'no identity', name: 'payment_succeeded', attributes: { amount: 1 }, reason: 'missing_identity' },
  { kind: 'no attributes at all', name: 'payment_succeeded', attributes: undefined, reason: 'missing_identity' },
  {
    kind: 'user id object',
    name: 'payment_succeeded',
    attributes: { ...good, 'user.id': { id: 1 } },
    reason: 'invalid_identity',
  },
  {
    kind: 'empty user id',
    name: 'payment_succeeded',
    attributes: { ...good, 'user.id': '' },
    reason: 'invalid_identity',
  },
  {
    kind: 'NaN user id',
    name: 'payment_succeeded',
    attributes: { ...good, 'user.id': NaN },
    reason: 'invalid_identity',
  },
  {
    kind: 'boolean user id',
    name: 'payment_succeeded',
    attributes: { ...good, 'user.id': true },
    reason: 'invalid_identity',
  },
  { kind: 'huge user id', name: 'payment_succeeded', attributes: { ...good, 'user.id': huge }, reason: 'too_large' },
  { kind: 'anonymous id array', name: 'signed_up', attributes: { 'anonymous.id': ['a'] }, reason: 'invalid_identity' },
  { kind: 'NaN value', name: 'payment_succeeded', attributes: { ...good, amount: NaN }, reason: 'invalid_value' },
  {
    kind: 'Infinity value',
    name: 'payment_succeeded',
    attributes: { ...good, amount: Infinity },
    reason: 'invalid_value',
  },
  { kind: 'negative value', name: 'payment_succeeded', attributes: { ...good, amount: -5 }, reason: 'invalid_value' },
  {
    kind: 'value as a string',
    name: 'payment_succeeded',
    attributes: { ...good, amount: '12' },
    reason: 'invalid_value',
  },
  {
    kind: 'value as a bigint',
    name: 'payment_succeeded',
    attributes: { ...good, amount: 12n },
    reason: 'invalid_value',
  },
  { kind: 'missing value', name: 'payment_succeeded', attributes: { 'user.id': 'u1' }, reason: 'missing_value' },
  { kind: 'NaN timestamp', name: 'payment_succeeded', attributes: good, timestamp: NaN, reason: 'invalid_timestamp' },
  {
    kind: 'negative timestamp',
    name: 'payment_succeeded',
    attributes: good,
    timestamp: -1,
    reason: 'invalid_timestamp',
  },
  {
    kind: 'property object',
    name: 'payment_succeeded',
    attributes: { ...good, payment_provider: {} },
    reason: 'invalid_property',
  },
  {
    kind: 'property array',
    name: 'payment_succeeded',
    attributes: { ...good, payment_provider: ['stripe'] },
    reason: 'invalid_property',
  },
  {
    kind: 'property -Infinity',
    name: 'api_error',
    attributes: { 'user.id': 'u', route: -Infinity },
    reason: 'invalid_property',
  },
  { kind: 'huge property value', name: 'api_error', attributes: { 'user.id': 'u', route: huge }, reason: 'too_large' },
  {
    kind: 'attributes that throw when read',
    name: 'payment_succeeded',
    attributes: throwingAttributes,
    reason: 'internal_error',
  },
  // Odd but valid: counted.
  { kind: 'far-future timestamp', name: 'payment_succeeded', attributes: good, timestamp: 4e12, reason: undefined },
  {
    kind: 'undeclared properties',
    name: 'payment_succeeded',
    attributes: { ...good, coupon: 'X', nested: { a: [1] } },
    reason: undefined,
  },
  {
    kind: 'label-breaking characters',
    name: 'api_error',
    attributes: { 'user.id': 'u', route: '"}\n\\ # {', 'browser.name': '\u{1F600}\uD800' },
    reason: undefined,
  },
  {
    kind: 'numeric property and id',
    name: 'api_error',
    attributes: { 'user.id': 7, 'browser.version': 120 },
    reason: undefined,
  },
  {
    kind: 'the overflow value sent as a value',
    name: 'payment_succeeded',
    attributes: { ...good, payment_provider: '__other__' },
    reason: undefined,
  },
];

describe('bad input', () => {
  it(`drops ${cases.filter((c) => c.reason !== undefined).length} kinds of malformed event with their reason and counts the neighbours exactly`, () => {
    const clock = manualClock();
    const nowcast = createNowcast({ spec: shop, clock, sweepIntervalMs: 0 });
    const expectedDrops = new Map<DropReason, number>();
    for (const c of cases) {
      expect(nowcast.pipeline.record('payment_succeeded', good, clock())).toBeUndefined();
      let returned: DropReason | undefined;
      expect(() => {
        returned = nowcast.pipeline.record(c.name, c.attributes, c.timestamp ?? clock());
      }).not.toThrow();
      expect({ kind: c.kind, reason: returned }).toEqual({ kind: c.kind, reason: c.reason });
      if (c.reason !== undefined) expectedDrops.set(c.reason, (expectedDrops.get(c.reason) ?? 0) + 1);
    }
    const samples = collectSamples(nowcast.pipeline);
    const valid = cases.filter((c) => c.reason === undefined);
    const validPayments = valid.filter((c) => c.name === 'payment_succeeded').length;
    expect(sumOf(samples, names.events, { event: 'payment_succeeded' })).toBe(cases.length + validPayments);
    expect(sumOf(samples, revenue, { event: 'payment_succeeded' })).toBe(10 * (cases.length + validPayments));
    expect(sumOf(samples, names.events, { event: 'api_error' })).toBe(valid.length - validPayments);
    for (const reason of dropReasons) {
      expect({ reason, dropped: sumOf(samples, selfMetricNames.dropped, { reason }) }).toEqual({
        reason,
        dropped: expectedDrops.get(reason) ?? 0,
      });
    }
    expect(sumOf(samples, selfMetricNames.received)).toBe(2 * cases.length);
    expect(sumOf(samples, selfMetricNames.untrustedTimestamps)).toBe(1);
    expect(promtoolCheckMetrics(nowcast.metrics('prometheus'))).toMatchObject({ status: 0, output: '' });
  });

  it('never throws and keeps received = counted + dropped + undeclared for any event shape', () => {
    const clock = manualClock();
    const nowcast = createNowcast({ spec: shop, clock, sweepIntervalMs: 0 });
    const declared = shop.events.map((e) => e.name);
    const keys = [
      'user.id',
      'enduser.id',
      'anonymous.id',
      'event.name',
      ...new Set(
        shop.events.flatMap((e) => [...e.properties.map((p) => p.attribute), ...(e.value ? [e.value.field] : [])])
      ),
    ];
    const value = fc.oneof(
      fc.string(),
      fc.constantFrom(...declared, 'stripe', 'web', '__other__', ''),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.anything()
    );
    const event = fc.record({
      name: fc.oneof(fc.constantFrom(...declared), fc.string(), fc.anything()),
      attributes: fc.option(fc.dictionary(fc.oneof(fc.constantFrom(...keys), fc.string()), value), { nil: undefined }),
      timestamp: fc.oneof(fc.constant(clock()), fc.double(), fc.integer({ min: 0, max: 2 ** 45 })),
    });
    let counted = 0;
    let dropped = 0;
    // Another instrumentation's events are neither counted nor dropped (undeclaredEvents.test.ts).
    let undeclared = 0;
    fc.assert(
      fc.property(fc.array(event, { maxLength: 20 }), (batch) => {
        for (const e of batch) {
          const reason = nowcast.pipeline.record(e.name, e.attributes as EventAttributes | undefined, e.timestamp);
          if (reason === undefined) {
            if (declared.includes(e.name as string)) counted++;
            else undeclared++;
          } else {
            expect(dropReasons).toContain(reason);
            dropped++;
          }
        }
        const samples = collectSamples(nowcast.pipeline);
        expect(sumOf(samples, names.events)).toBe(counted);
        expect(sumOf(samples, selfMetricNames.dropped)).toBe(dropped);
        expect(sumOf(samples, selfMetricNames.undeclaredEvents)).toBe(undeclared);
        expect(sumOf(samples, selfMetricNames.received)).toBe(counted + dropped + undeclared);
        expect(sumOf(samples, selfMetricNames.dropped, { reason: 'internal_error' })).toBe(0);
      }),
      { numRuns: 200 }
    );
    expect(counted).toBeGreaterThan(0);
    expect(promtoolCheckMetrics(nowcast.metrics('prometheus'))).toMatchObject({ status: 0, output: '' });
  });
});
