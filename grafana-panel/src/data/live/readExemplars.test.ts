import { toDataFrame } from '@grafana/data';
import { exemplarDTO, fixedNow, stepSeriesFrames } from '../fixtures/frames';
import { isExemplarFrame, mergeFeed, readExemplars } from './readExemplars';

const frame = toDataFrame(
  exemplarDTO([
    { secondsAgo: 10, event: 'cart_added', userId: 'a1b2', traceId: 't1'.padEnd(32, '0') },
    { secondsAgo: 0, event: 'payment_succeeded', userId: 'c3d4', traceId: 't2'.padEnd(32, '0') },
  ])
);

describe('readExemplars', () => {
  it('recognises Grafana’s exemplar frames and nothing else', () => {
    expect(isExemplarFrame(frame)).toBe(true);
    expect(isExemplarFrame(stepSeriesFrames([['a', 1]])[0]!)).toBe(false);
  });

  it('reads user pseudonym, event, time and trace of every exemplar', () => {
    const events = readExemplars([frame]);
    expect(events.map((e) => [e.time, e.event, e.userId, e.traceId.slice(0, 2), e.spanId.slice(0, 2)])).toEqual([
      [fixedNow - 10_000, 'cart_added', 'a1b2', 't1', 't1'],
      [fixedNow, 'payment_succeeded', 'c3d4', 't2', 't2'],
    ]);
    expect(events[0]?.traceSource?.row).toBe(0);
  });
});

describe('mergeFeed', () => {
  const [older, newer] = readExemplars([frame]) as [
    ReturnType<typeof readExemplars>[0],
    ReturnType<typeof readExemplars>[0],
  ];

  it('puts the newest first and keeps each event once', () => {
    expect(mergeFeed([older], [newer, older], 10).map((e) => e.userId)).toEqual(['c3d4', 'a1b2']);
  });

  it('keeps at most the limit, dropping the oldest', () => {
    expect(mergeFeed([older], [newer], 1).map((e) => e.userId)).toEqual(['c3d4']);
    expect(mergeFeed([older], [newer], 0)).toEqual([]);
  });
});
