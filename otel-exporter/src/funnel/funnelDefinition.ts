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
  /** Index of the last step: an attempt that reaches it is completed. */
  readonly lastStep: number;
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
    this.lastStep = this.steps.length - 1;
    const firstProperties = events[this.steps[0]?.eventIndex ?? -1]?.properties ?? [];
    this.breakdownPosition =
      spec.breakdown === undefined ? -1 : firstProperties.findIndex((p) => p.name === spec.breakdown);
    this.breakdown = firstProperties[this.breakdownPosition];
    this.groups = this.breakdown?.radix ?? 1;
  }

  /** The steps an event (its index and raw property values) matches, as a bit mask (bit k: step k). */
  stepsMatched(eventIndex: number, rawValues: readonly string[]): number {
    let mask = 0;
    for (let k = 0; k < this.steps.length; k++) {
      const step = this.steps[k];
      if (step !== undefined && step.eventIndex === eventIndex && this.passes(step, rawValues)) mask |= 1 << k;
    }
    return mask;
  }

  private passes(step: CompiledStep, rawValues: readonly string[]): boolean {
    for (let i = 0; i < step.filters.length; i++) {
      const filter = step.filters[i];
      if (filter !== undefined && !filter.accepted.has(rawValues[filter.position] ?? '')) return false;
    }
    return true;
  }
}
