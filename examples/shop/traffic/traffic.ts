import { Random } from './random';
import { scenarios, type Scenario, type ScenarioName } from './scenarios';
import { playSession, type ShopEvent } from './sessions';

/**
 * The shop's traffic over time: sessions arrive as a Poisson process at the current scenario's
 * rate, and `due(now)` hands out the events whose time has come. Pure: time is passed in.
 */
export class ShopTraffic {
  private readonly random: Random;
  private scenario: Scenario = scenarios.normal;
  private pending: ShopEvent[] = [];
  private nextArrival: number;

  constructor(seed: number, start: number) {
    this.random = new Random(seed);
    this.nextArrival = start;
  }

  get scenarioName(): ScenarioName {
    return this.scenario.name;
  }

  setScenario(name: ScenarioName): void {
    this.scenario = scenarios[name];
  }

  /** Events due at `now`, in time order. Sessions started while tracking was down stay silent. */
  due(now: number): ShopEvent[] {
    const arrivalMs = 1000 / this.scenario.sessionsPerSecond;
    while (this.nextArrival <= now) {
      if (!this.scenario.silent) {
        this.pending.push(...playSession(this.random, this.scenario, this.nextArrival));
      }
      this.nextArrival += this.random.exponential(arrivalMs);
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
