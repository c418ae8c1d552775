import { stringify } from 'yaml';
import {
  alertingExpressions,
  backfillLevels,
  durationSeconds,
  historyNeeded,
  recordingRules,
  type RecordingRuleText,
} from './ruleLevels';

const file = (rules: object[]) => stringify({ groups: [{ name: 'g', rules }] });

describe('backfill levels of recording rules', () => {
  const rules: RecordingRuleText[] = recordingRules([
    file([
      { record: 'job:a:rate5m', expr: 'sum(rate(a_total[5m]))' },
      { record: 'job:a:rate5m_mean1h', expr: 'avg_over_time(job:a:rate5m[1h])' },
      { alert: 'ignored', expr: 'job:a:rate5m > 1' },
    ]),
    file([
      { record: 'job:a:rate5m_baseline', expr: 'job:a:rate5m_mean1h offset 1w' },
      { record: 'job:b:rate5m', expr: 'sum(rate(b_total[5m])) or job:a:rate5m_extra' },
    ]),
  ]);

  it('reads recording rules of every file and leaves alerts out', () => {
    expect(rules.map((r) => r.record)).toEqual([
      'job:a:rate5m',
      'job:a:rate5m_mean1h',
      'job:a:rate5m_baseline',
      'job:b:rate5m',
    ]);
  });

  it('puts each rule one level above the recorded series it reads, whole names only', () => {
    expect(backfillLevels(rules).map((level) => level.map((r) => r.record))).toEqual([
      ['job:a:rate5m', 'job:b:rate5m'],
      ['job:a:rate5m_mean1h'],
      ['job:a:rate5m_baseline'],
    ]);
  });

  it('keeps only the rules needed, with what they read', () => {
    const levels = backfillLevels(rules, (rule) => rule.record === 'job:a:rate5m_mean1h');
    expect(levels.map((level) => level.map((r) => r.record))).toEqual([['job:a:rate5m'], ['job:a:rate5m_mean1h']]);
  });

  it('refuses rules that read each other in a cycle', () => {
    const cycle = recordingRules([
      file([
        { record: 'x:a:b', expr: 'x:c:d' },
        { record: 'x:c:d', expr: 'x:a:b' },
      ]),
    ]);
    expect(() => backfillLevels(cycle)).toThrow('cycle');
  });

  it("keeps each rule group's evaluation interval", () => {
    const [rule] = recordingRules([
      stringify({ groups: [{ name: 'g', interval: '5m', rules: [{ record: 'a:b:c', expr: '1' }] }] }),
    ]);
    expect(rule).toEqual({ record: 'a:b:c', expr: '1', interval: '5m' });
  });

  it('finds how far back each series is needed, down the chain of rules reading it', () => {
    const needed = historyNeeded(
      recordingRules([
        file([
          { record: 'x:a:short', expr: 'sum(rate(a_total[5m]))' },
          { record: 'x:a:level', expr: 'avg_over_time(x:a:short[1h])' },
          { record: 'x:a:weekly', expr: 'last_over_time(x:a:level{funnel="checkout"}[10m] offset 1w)' },
          { record: 'x:a:score', expr: 'x:a:weekly - x:a:level' },
          { record: 'x:a:spread', expr: 'stddev_over_time(x:a:score[1d])' },
          { record: 'x:a:recent', expr: 'x:a:spread[10m]' },
        ]),
      ])
    );
    // x:a:recent reads x:a:spread 10 minutes back, which reads x:a:score a day back, and so on.
    const score = 600 + 86_400;
    const week = 7 * 86_400;
    expect(Object.fromEntries(needed)).toEqual({
      'x:a:score': score,
      'x:a:weekly': score,
      'x:a:level': score + 600 + week,
      'x:a:short': score + 600 + week + 3600,
    });
    const capped = historyNeeded(
      recordingRules([
        file([
          { record: 'x:a:level', expr: '1' },
          { record: 'x:a:weekly', expr: 'x:a:level[1w] offset 1w' },
        ]),
      ]),
      { longestRangeSeconds: 86_400 }
    );
    expect(capped.get('x:a:level')).toBe(86_400 + week);
  });

  it('counts what alerts read as needed too', () => {
    const rules = recordingRules([file([{ record: 'x:a:noise', expr: '1' }])]);
    expect(historyNeeded(rules, { minimumSeconds: 1 }).size).toBe(0);
    const alerts = alertingExpressions([file([{ alert: 'a', expr: 'last_over_time(x:a:noise[10m]) > 1' }])]);
    expect(Object.fromEntries(historyNeeded(rules, { minimumSeconds: 1, alerts }))).toEqual({ 'x:a:noise': 600 });
  });

  it('reads Prometheus durations', () => {
    expect(durationSeconds('1w6d23h30m')).toBe(604_800 + 6 * 86_400 + 23 * 3600 + 1800);
    expect(durationSeconds('90s')).toBe(90);
  });
});
