import {
  formatDuration,
  formatInterval,
  formatPercent,
  formatPoints,
  formatPValue,
  formatRate,
  formatStep,
} from './format';

describe('format', () => {
  it('writes percentages with a fixed number of decimals, and a dash for no value', () => {
    expect([formatPercent(60), formatPercent(100 / 3), formatPercent(7, 2), formatPercent(undefined)]).toEqual([
      '60.0%',
      '33.3%',
      '7.00%',
      '—',
    ]);
  });

  it('writes changes in points with their sign', () => {
    expect([formatPoints(4), formatPoints(-13.333), formatPoints(0.01), formatPoints(undefined)]).toEqual([
      '+4.0 pts',
      '−13.3 pts',
      '±0.0 pts',
      '—',
    ]);
  });

  it('writes intervals and p-values the way they are judged', () => {
    expect(formatInterval({ low: 2.568, high: 51.313 })).toBe('2.6–51.3%');
    expect([formatPValue(0.0359), formatPValue(0.2), formatPValue(0.0004)]).toEqual([
      'p = 0.036',
      'p = 0.20',
      'p < 0.001',
    ]);
  });

  it('writes times to convert and query steps in whole units', () => {
    expect([4.25, 48, 262, 3600, 7500].map(formatDuration)).toEqual([
      '4.3 s',
      '48 s',
      '4 min 22 s',
      '1 h',
      '2 h 5 min',
    ]);
    expect([200, 1000, 10_000, 60_000].map(formatStep)).toEqual(['200 ms', '1 s', '10 s', '1 min']);
  });

  it('writes event rates per second', () => {
    expect(formatRate(2.5)).toBe('2.50/s');
  });
});
