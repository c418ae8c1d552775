import type { ShopTraffic } from '../traffic/traffic';
import type { StoryStage } from './playStory';

/** A story's stage on the shop's traffic: `press` stands for a key (the terminal's, or a test's). */
export function trafficStage(traffic: ShopTraffic, narrate: (line: string) => void) {
  const listeners = new Map<string, () => void>();
  const stage: StoryStage = {
    setTraffic: (scenario) => traffic.setTraffic(scenario),
    narrate,
    onKey: (key, pressed) => {
      listeners.set(key, pressed);
      return () => listeners.delete(key);
    },
    now: () => Date.now(),
  };
  return { stage, press: (key: string) => listeners.get(key)?.() };
}
