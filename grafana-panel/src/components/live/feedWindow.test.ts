import { feedWindow } from './feedWindow';

describe('feedWindow', () => {
  it('keeps the rows in view plus the overscan, clamped to the feed', () => {
    expect(feedWindow(0, 220, 22, 1000)).toEqual({ start: 0, end: 15 });
    expect(feedWindow(2200, 220, 22, 1000)).toEqual({ start: 95, end: 115 });
    expect(feedWindow(21_900, 220, 22, 1000)).toEqual({ start: 990, end: 1000 });
    expect(feedWindow(0, 220, 22, 3)).toEqual({ start: 0, end: 3 });
  });
});
