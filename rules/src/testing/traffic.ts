/**
 * Seeded noisy traffic for promtool suites: Poisson counts and binomial conversions around a
 * seasonal mean (a daily curve and a quieter weekend), written as counter series the way the
 * exporter exposes them: a label set appears with its first event (at 0 on the first scrape, with
 * its count from the next on), and a restart starts every counter afresh.
 */
import { day, hour, seriesName } from './series';

/** A small, fast, seeded generator (mulberry32): the same seed gives the same traffic. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws from the standard normal distribution (Box–Muller). */
function normal(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** A Poisson count with mean `mean`: exact (Knuth) for small means, normal beyond 50. */
export function poisson(random: () => number, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(random)));
  const limit = Math.exp(-mean);
  let count = 0;
  let product = random();
  while (product > limit) {
    count++;
    product *= random();
  }
  return count;
}

/** A binomial count of `trials` with probability `p`: exact for few trials, normal when the variance is large. */
export function binomial(random: () => number, trials: number, p: number): number {
  if (trials <= 0 || p <= 0) return 0;
  if (p >= 1) return trials;
  const variance = trials * p * (1 - p);
  if (trials > 200 && variance >= 25) {
    return Math.min(trials, Math.max(0, Math.round(trials * p + Math.sqrt(variance) * normal(random))));
  }
  let count = 0;
  for (let i = 0; i < trials; i++) if (random() < p) count++;
  return count;
}

/** Daily seasonality: 0.5 at 00:00, 1.5 at 12:00, smooth in between. */
export function dailyCurve(t: number): number {
  return 1 - 0.5 * Math.cos((2 * Math.PI * (t % day)) / day);
}

/** Weekly seasonality: days 5 and 6 of each week (t = 0 is the start of day 0) are a quieter weekend. */
export function weeklyCurve(t: number, weekend = 0.6): number {
  const weekday = Math.floor(t / day) % 7;
  return weekday >= 5 ? weekend : 1;
}

/** The usual shape of traffic: daily times weekly. */
export function seasonal(t: number): number {
  return dailyCurve(t) * weeklyCurve(t);
}

/** Periods the exporter is down: no samples (series gone), then every counter starts again from 0. */
export interface Outage {
  readonly from: number;
  readonly to: number;
}

export interface CounterOptions {
  readonly end: number;
  readonly step: number;
  readonly outages?: readonly Outage[];
}

/**
 * A counter series from the events counted in each step (the step ending at t). Before its first
 * event a label set does not exist; the scrape after its creation shows 0 and the next one its
 * count, as the exporter exposes a new series. An outage removes every sample and loses its
 * events; after it the counter starts again, like any label set, at its first event.
 */
export function counterSeries(
  metric: string,
  labels: Readonly<Record<string, string>>,
  options: CounterOptions,
  eventsAt: (t: number) => number
): { series: string; values: string } {
  const values: string[] = [];
  let exists = false;
  let total = 0;
  let pending = 0;
  for (let t = 0; t <= options.end; t += options.step) {
    const down = (options.outages ?? []).some((o) => t > o.from && t <= o.to);
    if (down) {
      exists = false;
      total = 0;
      pending = 0;
      values.push('_');
      continue;
    }
    const events = t === 0 ? 0 : eventsAt(t);
    if (!exists) {
      if (events > 0) {
        exists = true;
        pending = events;
        values.push('0');
      } else {
        values.push('_');
      }
      continue;
    }
    total += pending + events;
    pending = 0;
    values.push(String(total));
  }
  return { series: seriesName(metric, labels), values: values.join(' ') };
}

/** The exporter's start time gauge: the last (re)start before each step, absent while it is down. */
export function startTimeSeries(
  metric: string,
  labels: Readonly<Record<string, string>>,
  options: CounterOptions
): { series: string; values: string } {
  const values: string[] = [];
  let started = 0;
  for (let t = 0; t <= options.end; t += options.step) {
    const outage = (options.outages ?? []).find((o) => t > o.from && t <= o.to);
    if (outage !== undefined) {
      started = outage.to;
      values.push('_');
    } else {
      values.push(String(started));
    }
  }
  return { series: seriesName(metric, labels), values: values.join(' ') };
}

/**
 * Many counters drawn from one seeded generator, in a fixed order, so a suite's traffic is the
 * same on every run.
 */
export class Traffic {
  readonly series: { series: string; values: string }[] = [];
  private readonly random: () => number;

  constructor(
    seed: number,
    readonly options: CounterOptions
  ) {
    this.random = seededRandom(seed);
  }

  /** Poisson counts per step (the step ending at (i + 1) × step) with the given mean events per second. */
  counts(perSecond: (t: number) => number): number[] {
    const steps = Math.floor(this.options.end / this.options.step);
    return Array.from({ length: steps }, (_, i) =>
      poisson(this.random, perSecond((i + 1) * this.options.step) * this.options.step)
    );
  }

  /** A binomial draw from this traffic's generator. */
  draw(trials: number, p: number): number {
    return binomial(this.random, trials, p);
  }

  /** A counter of the given counts per step. */
  counter(metric: string, labels: Readonly<Record<string, string>>, counts: readonly number[]): void {
    const step = this.options.step;
    this.series.push(counterSeries(metric, labels, this.options, (t) => counts[Math.round(t / step) - 1] ?? 0));
  }

  /** A counter of Poisson events with the given mean per second; returns its counts per step. */
  rate(metric: string, labels: Readonly<Record<string, string>>, perSecond: (t: number) => number): number[] {
    const counts = this.counts(perSecond);
    this.counter(metric, labels, counts);
    return counts;
  }

  /**
   * Conversions of earlier counts: each step's `trials` convert with probability `p(t)`, counted
   * `lagSteps` later (how long users take). Returns the conversions per step as counted.
   */
  converting(
    metric: string,
    labels: Readonly<Record<string, string>>,
    trials: readonly number[],
    p: (t: number) => number,
    lagSteps = 0
  ): number[] {
    const step = this.options.step;
    const converted = trials.map((n, i) => binomial(this.random, n, p((i + 1) * step)));
    const counted = trials.map((_, i) => converted[i - lagSteps] ?? 0);
    this.counter(metric, labels, counted);
    return counted;
  }

  /** A series given as it is (a gauge, or a counter written by the caller). */
  add(series: { series: string; values: string }): void {
    this.series.push(series);
  }
}

/** Hours as seconds, for readable scenario times. */
export const hours = (n: number) => n * hour;
/** Days as seconds. */
export const days = (n: number) => n * day;
