import type { EventSeries } from '../aggregate/eventSeries';
import type { PropertyValues } from '../aggregate/propertyValues';
import type { FunnelSpec } from '../spec/model';

/** One property filter of a step: the property's position in its event and the accepted values. */
interface StepFilter {
  readonly position: number;
  readonly accepted: ReadonlySet<string>;
}

export interface CompiledStep {
  readonly name: string;
  readonly eventIndex: number;
  readonly filters: readonly StepFilter[];
}

/** A funnel resolved against the declared events once, so matching a step is index compares. */
export class FunnelDefinition {
  readonly name: string;
  readonly windowMs: number;
  readonly windowSeconds: number;
  readonly steps: readonly CompiledStep[];
  /** The breakdown property of the first step's event, when the funnel has one. */
  readonly breakdown: PropertyValues | undefined;
  /** Position of the breakdown property in the first step's event. */
  readonly breakdownPosition: number;
  /** Breakdown groups: the property's radix, or 1. */
  readonly groups: number;

  constructor(spec: FunnelSpec, events: readonly EventSeries[]) {
    this.name = spec.name;
    this.windowSeconds = spec.window.seconds;
    this.windowMs = spec.window.seconds * 1000;
    this.steps = spec.steps.map((step) => {
      const eventIndex = events.findIndex((e) => e.name === step.event);
      const event = events[eventIndex];
      if (event === undefined) {
        throw new Error(`funnel "${spec.name}" step "${step.name}": event "${step.event}" is not declared`);
      }
      const filters = Object.entries(step.where).map(([property, accepted]) => {
        const position = event.properties.findIndex((p) => p.name === property);
        if (position < 0) {
          throw new Error(
            `funnel "${spec.name}" step "${step.name}": "${property}" is not a property of "${step.event}"`
          );
        }
        return { position, accepted: new Set(accepted) };
      });
      return { name: step.name, eventIndex, filters };
    });
    const firstProperties = events[this.steps[0]?.eventIndex ?? -1]?.properties ?? [];
    this.breakdownPosition =
      spec.breakdown === undefined ? -1 : firstProperties.findIndex((p) => p.name === spec.breakdown);
    this.breakdown = firstProperties[this.breakdownPosition];
    this.groups = this.breakdown?.radix ?? 1;
  }

  /** Whether an event (its index and raw property values) is step `k`. */
  matches(k: number, eventIndex: number, rawValues: readonly string[]): boolean {
    const step = this.steps[k];
    if (step === undefined || step.eventIndex !== eventIndex) {
      return false;
    }
    for (let i = 0; i < step.filters.length; i++) {
      const filter = step.filters[i];
      if (filter !== undefined && !filter.accepted.has(rawValues[filter.position] ?? '')) return false;
    }
    return true;
  }
}
