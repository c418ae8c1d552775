import { queryWithPromtool } from './measure';

/** The promtool reader the statistical suites rely on reads what promtool says, failures included. */
const rules = {
  path: 'prometheus/rules/t-alerts.yml',
  content: 'groups:\n  - name: t\n    rules:\n      - alert: High\n        expr: x > 5\n',
};
const series = [{ series: 'x{a="1"}', values: '0 10 10 0 0 10 0 10 10 10 0' }];

describe('queryWithPromtool', () => {
  it('returns what each query got, empty results as []', () => {
    const { samples, failedAlertChecks } = queryWithPromtool([rules], 60, series, [
      { expr: 'sum(x)', time: 120 },
      { expr: 'x{a="2"}', time: 120 },
    ]);
    expect(samples).toEqual([[{ labels: {}, value: 10 }], []]);
    expect(failedAlertChecks).toEqual([]);
  });

  it('reports every alert check that did not hold, with what was expected and what fired', () => {
    const { failedAlertChecks } = queryWithPromtool(
      [rules],
      60,
      series,
      [],
      [
        { evalTime: '2m', alertname: 'High', alerts: [] },
        { evalTime: '3m', alertname: 'High', alerts: [{ labels: { a: '1' }, annotations: {} }] },
        { evalTime: '1m', alertname: 'High', alerts: [{ labels: { a: '1' }, annotations: {} }] },
      ]
    );
    expect(failedAlertChecks).toEqual([
      'High at 2m: expected none, got {a="1", alertname="High"}',
      'High at 3m: expected {a="1", alertname="High"}, got none',
    ]);
  });
});
