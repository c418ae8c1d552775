import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { stringify } from 'yaml';
import { formatIssue } from './issues';
import { parseSpec, specFromObject, loadSpec } from './load';
import { SpecError } from './issues';

const shopSpecPath = join(__dirname, '../../../examples/shop/analytics.yaml');

/** A small valid spec; each broken case below edits one line of it. */
const base = `namespace: shop
events:
  product_viewed:
    properties:
      category: { maxValues: 5 }
  checkout_started: {}
  payment_succeeded:
    properties:
      payment_provider:
        values: [stripe, paypal]
    value: { field: amount, unit: EUR }
  api_error:
    properties:
      browser_version: {}
funnels:
  checkout:
    steps:
      - product_viewed
      - checkout_started
      - payment_succeeded
    window: 30m
activeUsers:
  windows: [5m, 1h]
  scopes:
    buyers: { events: [payment_succeeded] }
alerts:
  conversion_low:
    kind: threshold
    target:
      conversion: { funnel: checkout, from: checkout_started, to: payment_succeeded }
    direction: below
    bound: 0.5
`;

function errorsOf(text: string): string[] {
  const result = parseSpec(text, 'analytics.yaml');
  if (result.ok) {
    throw new Error('expected the spec to be rejected');
  }
  return result.issues.map(formatIssue);
}

/** Replaces the one line that starts with `from` (after indentation) by `to`. */
function edit(from: string, to: string, text = base): string {
  const lines = text.split('\n');
  const index = lines.findIndex((line) => line.trimStart().startsWith(from));
  if (index < 0) {
    throw new Error(`no line starts with ${from}`);
  }
  lines[index] = to;
  return lines.join('\n');
}

describe('parseSpec', () => {
  it('accepts the base spec and applies defaults', () => {
    const result = parseSpec(base);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { spec } = result;
    expect(spec.namespace).toBe('shop');
    expect(spec.events.map((e) => e.name)).toEqual([
      'product_viewed',
      'checkout_started',
      'payment_succeeded',
      'api_error',
    ]);
    expect(spec.events[0]?.properties).toEqual([
      { name: 'category', attribute: 'category', maxValues: 5, idleTimeout: { text: '1h', seconds: 3600 } },
    ]);
    expect(spec.events[2]?.properties[0]).toEqual({
      name: 'payment_provider',
      attribute: 'payment_provider',
      maxValues: 2,
      values: ['stripe', 'paypal'],
      idleTimeout: { text: '1h', seconds: 3600 },
    });
    expect(spec.events[3]?.properties[0]?.maxValues).toBe(20);
    expect(spec.funnels[0]?.steps.map((s) => s.name)).toEqual([
      'product_viewed',
      'checkout_started',
      'payment_succeeded',
    ]);
    expect(spec.funnels[0]?.window).toEqual({ text: '30m', seconds: 1800 });
    expect(spec.activeUsers).toEqual({
      precision: 10,
      windows: [
        { text: '5m', seconds: 300 },
        { text: '1h', seconds: 3600 },
      ],
      scopes: [{ name: 'buyers', events: ['payment_succeeded'] }],
    });
    expect(spec.alerts[0]).toMatchObject({
      name: 'conversion_low',
      kind: 'threshold',
      target: { type: 'conversion', funnel: 'checkout', fromIndex: 1, toIndex: 2 },
      minVolume: 10,
      severity: 'warning',
      team: 'product',
      for: { seconds: 120 },
      window: { seconds: 300 },
    });
    expect(spec.limits.seriesBudget).toBe(20_000);
    expect(spec.exemplars).toEqual({ userId: 'hashed', keyEnv: 'NOWCAST_USER_ID_KEY' });
  });

  it('accepts the shop example', () => {
    const result = parseSpec(readFileSync(shopSpecPath, 'utf8'), 'examples/shop/analytics.yaml');
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([]);
  });

  it.each([
    [
      'unknown event in a funnel step, with a suggestion',
      edit('- payment_succeeded', '      - paymnt_succeeded'),
      'analytics.yaml:20: funnels.checkout.steps[2]: unknown event "paymnt_succeeded" (did you mean "payment_succeeded"?)',
    ],
    [
      'misspelt field name',
      edit('window: 30m', '    windw: 30m'),
      'analytics.yaml:21: funnels.checkout.windw: unknown field "windw" (did you mean "window"?); expected one of: description, steps, window, breakdown',
    ],
    [
      'duration that does not parse',
      edit('window: 30m', '    window: 30 minutes'),
      'analytics.yaml:21: funnels.checkout.window: "30 minutes" is not a duration; write it as Prometheus does, e.g. 30s, 5m, 1h30m, 7d',
    ],
    [
      'property name that is not a label name',
      edit('category: { maxValues: 5 }', '      product.category: { maxValues: 5 }'),
      'analytics.yaml:5: events.product_viewed.properties["product.category"]: "product.category" is not a valid Prometheus label name (letters, digits and _, not starting with a digit); use `attribute:` to read a dotted OTel attribute',
    ],
    [
      'reserved label name',
      edit('browser_version: {}', '      step: {}'),
      'analytics.yaml:14: events.api_error.properties.step: "step" is reserved by the metric contract; choose another label name',
    ],
    [
      'user id declared as a property',
      edit('browser_version: {}', '      user_id: {}'),
      'analytics.yaml:14: events.api_error.properties.user_id: "user_id" identifies a user; user ids never become label values (they go to exemplars, pseudonymised)',
    ],
    [
      'maxValues out of range',
      edit('category: { maxValues: 5 }', '      category: { maxValues: 0 }'),
      'analytics.yaml:5: events.product_viewed.properties.category.maxValues: must be at least 1, got 0',
    ],
    [
      'wrong type',
      edit('category: { maxValues: 5 }', '      category: { maxValues: lots }'),
      'analytics.yaml:5: events.product_viewed.properties.category.maxValues: expected a number, got "lots"',
    ],
    [
      'alert on an unknown funnel',
      edit(
        'conversion: { funnel',
        '      conversion: { funnel: checkuot, from: checkout_started, to: payment_succeeded }'
      ),
      'analytics.yaml:30: alerts.conversion_low.target.conversion.funnel: unknown funnel "checkuot" (did you mean "checkout"?)',
    ],
    [
      'alert on an unknown step',
      edit(
        'conversion: { funnel',
        '      conversion: { funnel: checkout, from: checkout_start, to: payment_succeeded }'
      ),
      'analytics.yaml:30: alerts.conversion_low.target.conversion.from: "checkout_start" is not a step of funnel "checkout" (did you mean "checkout_started"?)',
    ],
    [
      'conversion steps in the wrong order',
      edit(
        'conversion: { funnel',
        '      conversion: { funnel: checkout, from: payment_succeeded, to: checkout_started }'
      ),
      'analytics.yaml:30: alerts.conversion_low.target.conversion: `from` must be an earlier step than `to`',
    ],
    [
      'conversion bound outside 0..1',
      edit('bound: 0.5', '    bound: 50'),
      'analytics.yaml:32: alerts.conversion_low.bound: a conversion is a ratio from 0 to 1; got 50',
    ],
    [
      'unknown alert kind',
      edit('kind: threshold', '    kind: treshold'),
      'analytics.yaml:28: alerts.conversion_low.kind: kind must be one of: threshold, anomaly, spike, no_data, ab_launch',
    ],
    [
      'threshold alert without a direction',
      edit('direction: below', '    severity: critical'),
      'analytics.yaml:28: alerts.conversion_low.direction: threshold alerts need `direction: above` or `direction: below`',
    ],
    [
      'duplicate event name',
      edit('checkout_started: {}', '  product_viewed: {}'),
      'analytics.yaml:6: events.product_viewed: "product_viewed" is declared twice (first at line 3); names must be unique',
    ],
    [
      'step filter on an undeclared property',
      edit('- checkout_started', '      - { event: product_viewed, name: viewed_shoes, where: { categry: shoes } }'),
      'analytics.yaml:19: funnels.checkout.steps[1].where.categry: "categry" is not a property of event "product_viewed" (did you mean "category"?)',
    ],
    [
      'filter value outside the declared values',
      edit('- payment_succeeded', '      - { event: payment_succeeded, where: { payment_provider: strpe } }'),
      'analytics.yaml:20: funnels.checkout.steps[2].where.payment_provider: "strpe" is not one of the values declared for "payment_provider" (did you mean "stripe"?)',
    ],
    [
      'funnel with a single step',
      edit('- product_viewed', '      - product_viewed\n    description: one step').replace(
        '      - checkout_started\n      - payment_succeeded\n',
        ''
      ),
      'analytics.yaml:18: funnels.checkout.steps: a funnel needs at least 2 steps',
    ],
    [
      'unknown event in an active-user scope',
      edit('buyers: { events: [payment_succeeded] }', '    buyers: { events: [payment_suceeded] }'),
      'analytics.yaml:25: activeUsers.scopes.buyers.events[0]: unknown event "payment_suceeded" (did you mean "payment_succeeded"?)',
    ],
    [
      'invalid event name',
      edit('checkout_started: {}', '  checkout started: {}'),
      'analytics.yaml:6: events["checkout started"]: "checkout started" is not a valid event name (letters, digits, _ . : -, starting with a letter, at most 100 characters)',
    ],
    [
      'unknown top-level section',
      `${base}funels: {}\n`,
      'analytics.yaml:33: funels: unknown section "funels" (did you mean "funnels"?); expected one of: version, namespace, limits, defaults, exemplars, links, prometheus, events, funnels, activeUsers, alerts',
    ],
    [
      'YAML syntax error',
      edit('window: 30m', '    window: [30m'),
      'analytics.yaml:22: YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ],
    [
      'alert split by a property the event lacks',
      `${base}  api_errors_high:\n    kind: spike\n    target: { event: api_error }\n    factor: 5\n    by: [browser]\n`,
      'analytics.yaml:37: alerts.api_errors_high.by[0]: "browser" is not a property of event "api_error"',
    ],
    [
      'value unit that cannot be part of a metric name',
      edit('value: { field', '    value: { field: amount, unit: EUR/day }'),
      'analytics.yaml:11: events.payment_succeeded.value.unit: must be a short unit name such as EUR, USD, items (letters, digits and _; it becomes part of the metric name)',
    ],
    [
      'value unit spelt differently from an earlier one of the same metric',
      edit('browser_version: {}', '      browser_version: {}\n    value: { field: cost, unit: eur }'),
      'analytics.yaml:15: events.api_error.value.unit: "eur" and "EUR" (event "payment_succeeded") name the same metric; write it "EUR" as that event does',
    ],
    [
      'event whose label combinations the exporter cannot key',
      edit(
        'browser_version: {}',
        ['browser_version', 'os', 'country', 'plan'].map((p) => `      ${p}: { maxValues: 10000 }`).join('\n')
      ),
      "analytics.yaml:13: events.api_error.properties: its properties allow 10,008,002,400,320,016 label combinations (the product of maxValues + 2: each property's values, __other__ and the empty value), more than the exporter can key (2^52); lower their maxValues",
    ],
    [
      'more HyperLogLog registers than the cap',
      edit('windows: [5m, 1h]', '  windows: [5m, 1h]\n  precision: 16'),
      'analytics.yaml:24: activeUsers.precision: scopes × windows × 2^precision = 1 × 2 × 2^16 = 131,072 HLL registers, over the cap of 65,536 (each is a series scraped every interval); lower precision to 15 or declare fewer scopes or windows',
    ],
    [
      'more HyperLogLog registers than the cap at the default precision',
      edit(
        'windows: [5m, 1h]',
        `  windows: [1m, 5m, 10m, 1h, 6h, 1d]\n  scopes:\n${Array.from({ length: 11 }, (_, i) => `    s${i}: {}`).join('\n')}`
      ).replace('  scopes:\n    buyers: { events: [payment_succeeded] }\n', ''),
      'analytics.yaml:23: activeUsers.precision: scopes × windows × 2^precision = 11 × 6 × 2^10 = 67,584 HLL registers, over the cap of 65,536 (each is a series scraped every interval); lower precision to 9 or declare fewer scopes or windows',
    ],
    [
      'more labelled series than the budget',
      `${edit('category: { maxValues: 5 }', '      category: { maxValues: 50 }')}limits: { seriesBudget: 100 }\n`,
      'analytics.yaml:33: limits.seriesBudget: the spec can produce up to 119 labelled series, over the budget of 100: lower maxValues (largest: events.product_viewed with 52 series) or raise limits.seriesBudget',
    ],
    [
      'more labelled series than the default budget, with no limits section',
      edit(
        'category: { maxValues: 5 }',
        '      category: { maxValues: 10000 }',
        edit('browser_version: {}', '      browser_version: { maxValues: 10000 }')
      ),
      'analytics.yaml:1: limits.seriesBudget: the spec can produce up to 20,049 labelled series, over the budget of 20,000: lower maxValues (largest: events.product_viewed with 10,002 series) or raise limits.seriesBudget',
    ],
  ])('rejects %s', (_name, text, expected) => {
    expect(errorsOf(text)).toContain(expected);
  });

  it('asks for fewer scopes or windows when even the lowest precision has too many registers', () => {
    const scopes = Object.fromEntries(Array.from({ length: 700 }, (_, i) => [`s${i}`, {}]));
    const windows = ['1m', '5m', '10m', '1h', '6h', '1d'];
    const result = specFromObject({ events: { e: {} }, activeUsers: { precision: 4, windows, scopes } });
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([
      'spec: activeUsers.precision: scopes × windows × 2^precision = 700 × 6 × 2^4 = 67,200 HLL registers, over the cap of 65,536 (each is a series scraped every interval); declare fewer scopes or windows',
    ]);
  });

  it('reports every error at once, in line order', () => {
    const text = edit('window: 30m', '    window: soon', edit('- checkout_started', '      - checkout_startd'));
    expect(errorsOf(text)).toEqual([
      'analytics.yaml:19: funnels.checkout.steps[1]: unknown event "checkout_startd" (did you mean "checkout_started"?)',
      'analytics.yaml:21: funnels.checkout.window: "soon" is not a duration; write it as Prometheus does, e.g. 30s, 5m, 1h30m, 7d',
    ]);
  });

  it('reports errors in independent sections together', () => {
    const text = edit(
      'bound: 0.5',
      '    bound: 2',
      edit('category: { maxValues: 5 }', '      category: { maxValues: -1 }')
    );
    const errors = errorsOf(text);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^analytics.yaml:5: events.product_viewed.properties.category.maxValues/);
    expect(errors[1]).toMatch(/^analytics.yaml:32: alerts.conversion_low.bound/);
  });

  it('rejects an empty file and a non-mapping document', () => {
    expect(errorsOf('')).toEqual(['analytics.yaml:1: the spec must be a mapping with at least an `events:` section']);
    expect(errorsOf('- a\n- b\n')).toEqual([
      'analytics.yaml:1: the spec must be a mapping with at least an `events:` section',
    ]);
  });

  it('stops alias bombs instead of expanding them', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 8; i++) {
      bomb.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(97 + i)}`)
          .join(', ')}]`
      );
    }
    expect(errorsOf(bomb.join('\n'))[0]).toMatch(/^analytics.yaml:1: YAML: /);
  });

  it('never throws on arbitrary documents, only reports spec errors', () => {
    const anyJson = fc.jsonValue({ maxDepth: 5 });
    const specLike = fc.record(
      {
        namespace: fc.oneof(fc.string(), fc.integer()),
        events: fc.dictionary(fc.string({ maxLength: 12 }), fc.oneof(fc.constant(null), anyJson)),
        funnels: fc.dictionary(
          fc.string({ maxLength: 8 }),
          fc.record({ steps: fc.array(fc.oneof(fc.string(), anyJson)) })
        ),
        alerts: fc.dictionary(
          fc.string({ maxLength: 8 }),
          fc.record(
            { kind: fc.constantFrom('threshold', 'anomaly', 'spike', 'no_data', 'x'), target: anyJson },
            { requiredKeys: [] }
          )
        ),
        activeUsers: anyJson,
      },
      { requiredKeys: [] }
    );
    fc.assert(
      fc.property(fc.oneof(anyJson, specLike), (doc) => {
        const text = stringify(doc);
        const result = parseSpec(text);
        if (!result.ok) {
          expect(result.issues.length).toBeGreaterThan(0);
          for (const issue of result.issues) {
            expect(formatIssue(issue)).toMatch(/^analytics\.yaml:\d+: /);
          }
        }
        expect(() => specFromObject(doc)).not.toThrow();
      }),
      { numRuns: 500 }
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        expect(() => parseSpec(text)).not.toThrow();
      }),
      { numRuns: 500 }
    );
  });
});

describe('loadSpec', () => {
  it('loads the shop example', async () => {
    const spec = await loadSpec(shopSpecPath);
    expect(spec.funnels.map((f) => f.name)).toEqual(['checkout', 'signup', 'payment']);
  });

  it('throws a SpecError naming a missing file', async () => {
    await expect(loadSpec('/nonexistent/analytics.yaml')).rejects.toThrow(
      new SpecError([
        { file: '/nonexistent/analytics.yaml', line: 0, path: '', message: 'cannot read the spec: file not found' },
      ])
    );
  });
});
