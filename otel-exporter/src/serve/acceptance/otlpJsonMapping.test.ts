import { productMetricNames, selfMetricNames } from '../../contract/families';
import { createNowcast, type Nowcast } from '../../nowcast';
import { startLogsService } from '../logsService';
import { specOf } from '../../testing/fixtures';
import { collectSamples, sumOf } from '../../testing/samples';
import { send } from '../testing/http';
import { exportRequest, keyValue, stringAttribute } from '../testing/otlpJson';

/**
 * The OTLP/JSON mapping at the service's door: int64 `intValue` as the protobuf JSON mapping
 * writes it (a decimal string, or a number), exact to ±(2^63 − 1), everything else refused with the
 * reason; attribute keys that name Object.prototype members stay plain attributes.
 */
const names = productMetricNames('product');

describe('OTLP/JSON mapping', () => {
  let nowcast: Nowcast;
  let service: Awaited<ReturnType<typeof startLogsService>>;

  beforeAll(async () => {
    const spec = specOf({
      events: {
        order: {
          properties: { order_number: { maxValues: 20 }, constructor: { maxValues: 5 } },
          value: { field: 'items', unit: 'items' },
        },
        visit: {},
      },
    });
    nowcast = createNowcast({ spec, sweepIntervalMs: 0 });
    service = await startLogsService(nowcast, { port: 0 });
  });

  afterAll(async () => {
    await service?.close();
    await nowcast?.shutdown();
  });

  const order = (attributes: unknown[]) => ({ eventName: 'order', attributes });
  const post = (records: unknown[]) =>
    send(`${service.url}/v1/logs`, {
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(exportRequest(records)),
    });
  const counted = (labels: Record<string, string> = {}, event = 'order') =>
    sumOf(collectSamples(nowcast.pipeline), names.events, { event, ...labels });

  it('keeps an intValue beyond 2^53 exact as a property value', async () => {
    const answer = await post([
      order([
        stringAttribute('user.id', 'u1'),
        keyValue('order_number', { intValue: '9007199254740993' }),
        keyValue('items', { intValue: 3 }),
      ]),
    ]);
    expect(answer.status).toBe(200);
    expect(counted({ order_number: '9007199254740993' })).toBe(1);
  });

  it('reads the int64 extremes exactly, as strings or numbers', async () => {
    const before = counted();
    const answer = await post([
      order([
        stringAttribute('user.id', 'u2'),
        keyValue('order_number', { intValue: '-9223372036854775808' }),
        keyValue('items', { intValue: '2' }),
      ]),
      order([
        stringAttribute('user.id', 'u3'),
        keyValue('order_number', { intValue: '9223372036854775807' }),
        keyValue('items', { intValue: 1 }),
      ]),
    ]);
    expect(answer.status).toBe(200);
    expect(counted() - before).toBe(2);
    expect(counted({ order_number: '-9223372036854775808' })).toBe(1);
    expect(counted({ order_number: '9223372036854775807' })).toBe(1);
  });

  it.each([
    ['an empty string', ''],
    ['hexadecimal', '0x10'],
    ['an exponent', '1e3'],
    ['a fraction', '1.5'],
    ['beyond int64', '9223372036854775808'],
    ['below int64', '-9223372036854775809'],
    ['a JSON number beyond 2^53 − 1 (JSON.parse rounds beyond it)', 2 ** 53],
    ['a fractional JSON number', 2.5],
  ])('refuses %s as intValue with the reason, counting nothing of the request', async (_what, intValue) => {
    const before = counted();
    const answer = await post([
      order([stringAttribute('user.id', 'u4'), keyValue('items', { intValue: '1' })]),
      order([stringAttribute('user.id', 'u5'), keyValue('items', { intValue })]),
    ]);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatch(/intValue/);
    expect(answer.body).toMatch(/logRecords\[1\]/);
    expect(counted()).toBe(before);
  });

  it('keeps a "__proto__" attribute an attribute: it cannot lend the record a user id', async () => {
    const dropped = () =>
      sumOf(collectSamples(nowcast.pipeline), selfMetricNames.dropped, { reason: 'missing_identity' });
    const before = { counted: counted({}, 'visit'), dropped: dropped() };
    const answer = await post([
      {
        eventName: 'visit',
        attributes: [keyValue('__proto__', { kvlistValue: { values: [stringAttribute('user.id', 'smuggled')] } })],
      },
    ]);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ partialSuccess: { rejectedLogRecords: '1' } });
    expect(counted({}, 'visit')).toBe(before.counted);
    expect(dropped()).toBe(before.dropped + 1);
  });

  it('reads a property named "constructor" from the record only (absent is the empty value)', async () => {
    const before = counted({ constructor: '' });
    const answer = await post([order([stringAttribute('user.id', 'u6'), keyValue('items', { intValue: '1' })])]);
    expect(answer.status).toBe(200);
    expect(answer.body).toBe('{}');
    expect(counted({ constructor: '' })).toBe(before + 1);
  });
});
