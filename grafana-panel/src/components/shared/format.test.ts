import { formatDuration, formatPercent, formatPoints, formatRate } from './format';

describe('format', () => {
  it('writes percentages with at most one decimal, and a dash for no value', () => {
    expect([formatPercent(60), formatPercent(100 / 3), formatPercent(undefined)]).toEqual(['60%', '33.3%', '—']);
  });

  it('writes changes in points with their sign', () => {
    expect([formatPoints(4), formatPoints(-13.333), formatPoints(0.01), formatPoints(undefined)]).toEqual([
      '+4 pts',
      '−13.3 pts',
      '±0 pts',
      '—',
    ]);
  });

  it('writes times to convert in whole units', () => {
    expect([4.25, 48, 262, 3600, 7500].map(formatDuration)).toEqual([
      '4.3 s',
      '48 s',
      '4 min 22 s',
      '1 h',
      '2 h 5 min',
    ]);
  });

  it('writes event rates per second', () => {
    expect(formatRate(2.5)).toBe('2.50/s');
  });
});
