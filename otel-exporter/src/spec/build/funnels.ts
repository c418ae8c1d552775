import { durationOf, type Duration } from '../duration';
import type { SpecPath } from '../issues';
import type { EventSpec, FunnelSpec, FunnelStep } from '../model';
import { identifierPattern } from '../names';
import { funnelSchema, funnelStepSchema, funnelWindowSchema, type RawDefaults, type RawFunnelStep } from '../schema';
import { validEntries, type Checker } from './checker';
import { specDefaults } from './defaults';
import { buildFilter, knownEvent, knownProperty } from './references';

export function buildFunnels(
  check: Checker,
  raw: Record<string, unknown>,
  events: ReadonlyMap<string, EventSpec>,
  defaults: RawDefaults
): FunnelSpec[] {
  const funnels: FunnelSpec[] = [];
  const naming = { section: 'funnels', pattern: identifierPattern, what: 'funnel name (letters, digits and _)' };
  for (const [name, funnel, path] of validEntries(check, raw, naming, funnelSchema)) {
    const steps = funnel.steps.map((rawStep, index) => {
      const stepPath = [...path, 'steps', index];
      const step = check.parse(funnelStepSchema, rawStep, stepPath);
      return step === undefined ? undefined : buildStep(check, stepPath, step, events);
    });
    const window =
      funnel.window === undefined ? undefined : check.parse(funnelWindowSchema, funnel.window, [...path, 'window']);
    const seen = new Map<string, number>();
    steps.forEach((step, index) => {
      if (step === undefined) return;
      const first = seen.get(step.name);
      if (first !== undefined) {
        check.add(
          [...path, 'steps', index],
          `step "${step.name}" repeats step ${first}; give it another \`name:\` or a different \`where:\``
        );
      }
      seen.set(step.name, index);
    });
    const firstEvent = steps[0] === undefined ? undefined : events.get(steps[0].event);
    if (funnel.breakdown !== undefined && firstEvent !== undefined) {
      knownProperty(check, [...path, 'breakdown'], firstEvent, funnel.breakdown);
    }
    if (steps.every((s): s is FunnelStep => s !== undefined)) {
      funnels.push({
        name,
        description: funnel.description,
        steps,
        window: window ?? defaults.conversionWindow ?? durationOf(specDefaults.conversionWindowSeconds),
        breakdown: funnel.breakdown,
      });
    }
  }
  return funnels;
}

/**
 * Every window must be longer than the allowed lateness plus the timestamp skew: a step already
 * counted then always stays inside its attempt's window, whatever late step 0 re-anchors it, so
 * live step counters never need taking back.
 */
export function checkWindowsOutlastLateness(
  check: Checker,
  funnels: readonly FunnelSpec[],
  timestampSkew: Duration,
  allowedLateness: Duration
): void {
  const least = allowedLateness.seconds + timestampSkew.seconds;
  for (const funnel of funnels) {
    if (funnel.window.seconds <= least) {
      check.add(
        ['funnels', funnel.name, 'window'],
        `${funnel.window.text} must be longer than limits.allowedLateness + limits.timestampSkew ` +
          `(${allowedLateness.text} + ${timestampSkew.text}), or a step arriving that late could leave its attempt's window after being counted; ` +
          `lengthen the window or lower limits.allowedLateness or limits.timestampSkew`
      );
    }
  }
}

function buildStep(
  check: Checker,
  path: SpecPath,
  step: RawFunnelStep,
  events: ReadonlyMap<string, EventSpec>
): FunnelStep | undefined {
  const event = knownEvent(check, path, step.event, events);
  if (event === undefined) {
    return undefined;
  }
  const where = buildFilter(check, [...path, 'where'], event, step.where);
  const name = step.name ?? step.event;
  if (!labelValueSafe(name)) {
    check.add([...path, 'name'], `"${name}" is not a usable step name (1 to 100 printable characters)`);
  }
  return { name, event: step.event, where };
}

function labelValueSafe(text: string): boolean {
  return text.length > 0 && text.length <= 100 && [...text].every((ch) => ch >= ' ');
}
