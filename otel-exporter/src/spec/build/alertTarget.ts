import type { SpecPath } from '../issues';
import type { AlertTarget, EventSpec, FunnelSpec } from '../model';
import type { RawAlertTarget } from '../schema';
import { didYouMean } from '../suggest';
import type { Checker } from './checker';
import { buildFilter, knownEvent, knownProperty } from './references';

export function buildTarget(
  check: Checker,
  path: SpecPath,
  raw: RawAlertTarget,
  events: ReadonlyMap<string, EventSpec>,
  funnels: readonly FunnelSpec[]
): AlertTarget | undefined {
  const given = (['event', 'conversion', 'errorRatio'] as const).filter((k) => raw[k] !== undefined);
  if (given.length !== 1) {
    check.add(
      path,
      given.length === 0
        ? 'give one of `event:`, `conversion:` or `errorRatio:`'
        : `give only one of ${given.map((k) => `\`${k}:\``).join(', ')}`
    );
    return undefined;
  }
  if (raw.where !== undefined && raw.event === undefined) {
    check.add([...path, 'where'], '`where:` filters apply to `event:` targets only');
  }
  if (raw.event !== undefined) {
    const event = knownEvent(check, [...path, 'event'], raw.event, events);
    return event === undefined
      ? undefined
      : { type: 'event_rate', event: raw.event, where: buildFilter(check, [...path, 'where'], event, raw.where) };
  }
  if (raw.conversion !== undefined) {
    const { funnel: funnelName, from, to } = raw.conversion;
    const funnel = funnels.find((f) => f.name === funnelName);
    if (funnel === undefined) {
      if (check.declared.funnels.has(funnelName)) {
        return undefined;
      }
      check.add(
        [...path, 'conversion', 'funnel'],
        `unknown funnel "${funnelName}"${didYouMean(
          funnelName,
          funnels.map((f) => f.name)
        )}`
      );
      return undefined;
    }
    const fromIndex = stepIndex(check, [...path, 'conversion', 'from'], funnel, from);
    const toIndex = stepIndex(check, [...path, 'conversion', 'to'], funnel, to);
    if (fromIndex === undefined || toIndex === undefined) {
      return undefined;
    }
    if (fromIndex >= toIndex) {
      check.add([...path, 'conversion'], '`from` must be an earlier step than `to`');
      return undefined;
    }
    return {
      type: 'conversion',
      funnel: funnel.name,
      from: funnel.steps[fromIndex]?.name ?? '',
      to: funnel.steps[toIndex]?.name ?? '',
      fromIndex,
      toIndex,
    };
  }
  const ratio = raw.errorRatio;
  if (ratio === undefined) {
    return undefined;
  }
  const known = (list: string[], field: string) =>
    list.every((event, index) => knownEvent(check, [...path, 'errorRatio', field, index], event, events) !== undefined);
  const errorsKnown = known(ratio.errors, 'errors');
  const totalKnown = known(ratio.total, 'total');
  return errorsKnown && totalKnown ? { type: 'error_ratio', errors: ratio.errors, total: ratio.total } : undefined;
}

function stepIndex(check: Checker, path: SpecPath, funnel: FunnelSpec, ref: string | number): number | undefined {
  const names = funnel.steps.map((s) => s.name);
  if (typeof ref === 'number') {
    if (ref < funnel.steps.length) return ref;
    check.add(path, `funnel "${funnel.name}" has steps 0 to ${funnel.steps.length - 1}; got ${ref}`);
    return undefined;
  }
  const index = names.indexOf(ref);
  if (index < 0) {
    check.add(path, `"${ref}" is not a step of funnel "${funnel.name}"${didYouMean(ref, names)}`);
    return undefined;
  }
  return index;
}

/** `by` labels must exist on every series the target reads, or the split would be silently empty. */
export function checkBy(
  check: Checker,
  path: SpecPath,
  by: readonly string[],
  target: AlertTarget,
  events: ReadonlyMap<string, EventSpec>,
  funnels: readonly FunnelSpec[]
): void {
  by.forEach((label, index) => {
    const at = [...path, index];
    if (target.type === 'conversion') {
      const breakdown = funnels.find((f) => f.name === target.funnel)?.breakdown;
      if (label !== breakdown) {
        check.add(
          at,
          breakdown === undefined
            ? `funnel "${target.funnel}" has no breakdown; set \`breakdown: ${label}\` on the funnel to alert by it`
            : `conversion alerts can split only by the funnel's breakdown "${breakdown}"`
        );
      }
      return;
    }
    const names = target.type === 'event_rate' ? [target.event] : [...target.errors, ...target.total];
    for (const name of names) {
      const event = events.get(name);
      if (event !== undefined && knownProperty(check, at, event, label) === undefined) {
        return;
      }
    }
  });
}
