import { toDataFrame } from '@grafana/data';
import { activeUsersDTO, eventRateDTOs, exemplarDTO, fixedNow } from '../fixtures/dtos';
import { readActivity } from './readActivity';

describe('readActivity', () => {
  it('takes the first series without an event label as the active-user estimate, with its history', () => {
    const activity = readActivity([toDataFrame(activeUsersDTO([3, 4])), toDataFrame(activeUsersDTO([99], 'Z'))]);
    expect(activity.activeUsers).toMatchObject({ now: 4, label: 'shop · 5m' });
    expect(activity.activeUsers?.history).toEqual([
      [fixedNow - 60_000, 3],
      [fixedNow, 4],
    ]);
  });

  it('sums event rates per event across series and sorts the busiest first, ignoring exemplar frames', () => {
    const frames = [
      ...eventRateDTOs([
        ['b', 1],
        ['a', 2],
        ['b', 1.5],
      ]),
      exemplarDTO([{ secondsAgo: 0, event: 'c', userId: 'u', traceId: 't' }]),
    ].map((dto) => toDataFrame(dto));
    const activity = readActivity(frames);
    expect(activity.eventRates.map((rate) => [rate.event, rate.perSecond])).toEqual([
      ['b', 2.5],
      ['a', 2],
    ]);
    expect(activity.activeUsers).toBeUndefined();
  });
});
