import { formatDuration, parseDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    ['30s', 30],
    ['5m', 300],
    ['1h30m', 5400],
    ['7d', 604800],
    ['2w', 1209600],
    ['1y', 31536000],
    ['1500ms', 1.5],
  ])('parses %s as %d seconds', (text, seconds) => {
    expect(parseDuration(text)).toEqual({ text, seconds });
  });

  it.each(['', '5', 'm', '5 m', '30m1h', '1.5h', '-5m', '5M', '1h1h'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [90, '1m30s'],
    [3600, '1h'],
    [86400 + 7200, '1d2h'],
    [0.25, '250ms'],
  ])('formats %d seconds as %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
    expect(parseDuration(text)?.seconds).toBe(seconds);
  });
});
