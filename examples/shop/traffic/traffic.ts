import { Random } from './random';
import type { Seasonality } from './seasonality';
import { scenarios, type Scenario, type ScenarioName } from './scenarios';
import { playSession, type ShopEvent } from './sessions';

/**
 * The shop's traffic over time: sessions arrive as a Poisson process at the current scenario's
 * rate times the seasonality at that moment, and `due(now)` hands out the events whose time has
 * come. Pure: time is passed in.
 */
export class ShopTraffic {
  private readonly random: Random;
  private scenario: Scenario = scenarios.normal;
  private pending: ShopEvent[] = [];
  private nextArrival: number;

  constructor(
    seed: number,
    start: number,
    private readonly seasonality: Seasonality = () => 1
  ) {
    this.random = new Random(seed);
    this.nextArrival = start;
  }

  get scenarioName(): ScenarioName {
    return this.scenario.name;
  }

  setScenario(name: ScenarioName): void {
    this.scenario = scenarios[name];
  }

  /** A situation of its own (a story's phase), not one of the named scenarios. */
  setTraffic(scenario: Scenario): void {
    this.scenario = scenario;
  }

  /** Events due at `now`, in time order. Sessions started while tracking was down stay silent. */
  due(now: number): ShopEvent[] {
    while (this.nextArrival <= now) {
      if (!this.scenario.silent) {
        this.pending.push(...playSession(this.random, this.scenario, this.nextArrival));
      }
      const season = this.scenario.followsSeasonality === false ? 1 : this.seasonality(this.nextArrival);
      const perSecond = this.scenario.sessionsPerSecond * season;
      this.nextArrival += this.random.exponential(1000 / perSecond);
    }
    if (this.scenario.silent) {
      this.pending = [];
      return [];
    }
    this.pending.sort((a, b) => a.time - b.time);
    const cut = this.pending.findIndex((e) => e.time > now);
    const ready = cut < 0 ? this.pending : this.pending.slice(0, cut);
    this.pending = cut < 0 ? [] : this.pending.slice(cut);
    return ready;
  }
}
