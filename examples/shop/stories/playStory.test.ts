import { scenarios, type Scenario } from '../traffic/scenarios';
import { playStory, type StoryStage } from './playStory';
import { flashSaleStory, releaseStory } from './stories';

function stage() {
  const lines: string[] = [];
  const traffic: Scenario[] = [];
  const keys = new Map<string, () => void>();
  const stageOf: StoryStage = {
    setTraffic: (scenario) => traffic.push(scenario),
    narrate: (line) => lines.push(`${Math.round((Date.now() - start) / 1000)}s ${line}`),
    onKey: (key, pressed) => {
      keys.set(key, pressed);
      return () => keys.delete(key);
    },
    now: () => Date.now(),
  };
  const start = Date.now();
  return { stage: stageOf, lines, traffic, press: (key: string) => keys.get(key)?.(), start };
}

describe('playing a story', () => {
  beforeEach(() => jest.useFakeTimers({ now: Date.UTC(2026, 10, 28, 12) }));
  afterEach(() => jest.useRealTimers());

  it('tells the flash sale in order, and the team reacts by itself after the delay', async () => {
    const s = stage();
    const story = flashSaleStory({ normalPhaseSeconds: 60, reactionSeconds: 120, recoverySeconds: 30 });
    const played = playStory(story, s.stage);
    await jest.advanceTimersByTimeAsync(60_000 + 120_000 + 30_000);
    const timeline = await played;
    expect(s.lines.map((l) => l.replace(/ .*/, ''))).toEqual(['0s', '0s', '60s', '60s', '180s', '210s']);
    expect(s.lines[2]).toContain('stripe starts timing out');
    expect(s.lines[4]).toContain('switches stripe');
    expect((timeline.incidentAt ?? NaN) - timeline.startedAt).toBe(60_000);
    expect((timeline.reactedAt ?? NaN) - (timeline.incidentAt ?? NaN)).toBe(120_000);
    const [sale, down, backup, after] = s.traffic;
    expect(sale?.sessionsPerSecond).toBe(3 * scenarios.normal.sessionsPerSecond);
    expect(sale?.paySuccess).toBe(scenarios.normal.paySuccess);
    expect(down?.failingProviders).toEqual(['stripe']);
    expect(backup?.providerWeights?.stripe).toBeUndefined();
    expect(backup?.failingProviders).toEqual([]);
    expect(after).toBe(scenarios.normal);
  });

  it('reacts at once to the key', async () => {
    const s = stage();
    const played = playStory(releaseStory({ beforeSeconds: 10, reactionSeconds: 300, afterSeconds: 5 }), s.stage);
    await jest.advanceTimersByTimeAsync(15_000);
    s.press('r');
    await jest.advanceTimersByTimeAsync(5_000);
    const timeline = await played;
    expect((timeline.reactedAt ?? NaN) - timeline.startedAt).toBe(15_000);
    expect(s.traffic.map((t) => t.brokenBrowserVersion?.version)).toEqual([undefined, '131', undefined, undefined]);
  });
});
