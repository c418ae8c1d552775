import type { Scenario } from '../traffic/scenarios';
import type { Story, StoryStep } from './stories';

/** What a story needs from the demo: traffic to steer, a terminal, a key, a clock. */
export interface StoryStage {
  setTraffic(scenario: Scenario): void;
  narrate(line: string): void;
  /** Calls `pressed` when the key is pressed; returns a function that stops listening. */
  onKey(key: string, pressed: () => void): () => void;
  /** Epoch ms; injectable for tests. */
  now(): number;
}

/** When the story's turning points happened (epoch ms), for the narration, the tests and the bench. */
export interface StoryTimeline {
  readonly startedAt: number;
  incidentAt?: number;
  reactedAt?: number;
  endedAt?: number;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Plays steps whose times count from `from`, in order. */
async function playSteps(steps: readonly StoryStep[], from: number, stage: StoryStage, onStep?: (i: number) => void) {
  for (const [index, step] of steps.entries()) {
    await wait(from + step.atSeconds * 1000 - stage.now());
    stage.setTraffic(step.traffic);
    stage.narrate(step.narration);
    onStep?.(index);
  }
}

/**
 * Plays a story: its steps up to the incident, then waits for the team's reaction (the key, or by
 * itself after the reaction delay), then the steps after it. Resolves with the timeline.
 */
export async function playStory(story: Story, stage: StoryStage): Promise<StoryTimeline> {
  const timeline: StoryTimeline = { startedAt: stage.now() };
  stage.narrate(`${story.title} — ${story.compression}`);
  await playSteps(story.steps, timeline.startedAt, stage, (index) => {
    if (index === story.incidentStep) timeline.incidentAt = stage.now();
  });
  const { reaction } = story;
  stage.narrate(`${reaction.prompt}, or the team reacts by itself in ${reaction.afterSeconds} s`);
  await new Promise<void>((resolve) => {
    const timer = setTimeout(finish, reaction.afterSeconds * 1000);
    const stopListening = stage.onKey(reaction.key, finish);
    function finish() {
      clearTimeout(timer);
      stopListening();
      resolve();
    }
  });
  timeline.reactedAt = stage.now();
  await playSteps(reaction.steps, timeline.reactedAt, stage);
  timeline.endedAt = stage.now();
  return timeline;
}
