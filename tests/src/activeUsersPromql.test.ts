import {
  activeUsersEstimatePromql,
  estimateFromRegisters,
  mergedRegistersPromql,
  productMetricNames,
} from '@nowcast/otel-exporter/contract';
import { runPromtoolTests } from '@nowcast/test-support';

/**
 * Evaluates the contract's PromQL estimate with the real promtool over register series from two
 * replicas, and checks it against the in-process formula: small-range (linear counting) and raw.
 */
describe('active users estimate in PromQL (promtool)', () => {
  const names = productMetricNames('product');

  function registerSeries(instance: string, scope: string, registers: number[]) {
    return registers.map((rank, register) => ({
      series: `${names.activeUsersRegister}{instance="${instance}",scope="${scope}",window="5m",register="${register}"}`,
      values: `${rank}x3`,
    }));
  }

  it('matches the in-process estimate after merging replicas with max', () => {
    const precision = 6;
    const m = 2 ** precision;
    // "few": most registers empty, so linear counting applies; "many": no empty register.
    const fewA = Array.from({ length: m }, (_, i) => (i % 5 === 0 ? 1 + (i % 3) : 0));
    const fewB = Array.from({ length: m }, (_, i) => (i % 7 === 0 ? 2 : 0));
    const manyA = Array.from({ length: m }, (_, i) => 3 + (i % 6));
    const manyB = Array.from({ length: m }, (_, i) => 4 + (i % 4));
    const merge = (a: number[], b: number[]) => a.map((rank, i) => Math.max(rank, b[i] ?? 0));
    const expectedFew = estimateFromRegisters(merge(fewA, fewB));
    const expectedMany = estimateFromRegisters(merge(manyA, manyB));
    expect(expectedFew).toBeLessThan(2.5 * m);
    expect(expectedMany).toBeGreaterThan(2.5 * m);

    const run = runPromtoolTests({
      rule_files: [],
      evaluation_interval: '1m',
      tests: [
        {
          interval: '1m',
          input_series: [
            ...registerSeries('a', 'few', fewA),
            ...registerSeries('b', 'few', fewB),
            ...registerSeries('a', 'many', manyA),
            ...registerSeries('b', 'many', manyB),
          ],
          promql_expr_test: [
            {
              expr: activeUsersEstimatePromql(mergedRegistersPromql('product'), precision),
              eval_time: '2m',
              exp_samples: [
                { labels: '{scope="few",window="5m"}', value: expectedFew },
                { labels: '{scope="many",window="5m"}', value: expectedMany },
              ],
            },
          ],
        },
      ],
    });
    expect(run.output).toContain('SUCCESS');
    expect(run.status).toBe(0);
  });
});
