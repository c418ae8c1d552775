import { shopSeasonality } from './seasonality';
import { ShopTraffic } from './traffic';

const monday = Date.UTC(2026, 10, 23);
const hour = 3_600_000;
const day = 24 * hour;

describe('shop seasonality', () => {
  const season = shopSeasonality();

  it('is quiet at night and peaks in the evening', () => {
    expect(season(monday + 3 * hour)).toBeLessThan(0.3);
    expect(season(monday + 20 * hour)).toBeGreaterThan(1.4);
  });

  it('is busier at weekends', () => {
    const saturday = monday + 5 * day;
    expect(season(saturday + 12 * hour) / season(monday + 12 * hour)).toBeGreaterThan(1.15);
  });

  it('changes smoothly, midnight included: no step between minutes larger than 2 %', () => {
    for (let t = monday; t < monday + 7 * day; t += 60_000) {
      expect(Math.abs(season(t + 60_000) - season(t))).toBeLessThan(0.02 * season(t));
    }
  });

  it('scales one odd week only', () => {
    const holiday = shopSeasonality({ startMs: monday, factor: 0.6 });
    expect(holiday(monday + 2 * day + 12 * hour)).toBeCloseTo(0.6 * season(monday + 2 * day + 12 * hour), 6);
    expect(holiday(monday + 7 * day + 12 * hour)).toBeCloseTo(season(monday + 7 * day + 12 * hour), 6);
    expect(holiday(monday - 12 * hour)).toBeCloseTo(season(monday - 12 * hour), 6);
  });

  it('drives the traffic: sessions follow the curve', () => {
    const sessionsIn = (from: number) => {
      const traffic = new ShopTraffic(11, from, season);
      const visits = new Set<string>();
      for (let now = from; now <= from + hour; now += 10_000) {
        for (const event of traffic.due(now)) if (event.name === 'page_viewed') visits.add(event.anonymousId ?? '');
      }
      return visits.size;
    };
    const night = sessionsIn(monday + 3 * hour);
    const evening = sessionsIn(monday + 20 * hour);
    expect(evening / night).toBeGreaterThan(4);
    expect(evening / night).toBeLessThan(7);
  });
});
