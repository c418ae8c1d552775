import { eventValueFamily, productFamilies, type MetricFamily } from '../contract/families';
import type { MetricSink, MetricSource } from '../expose/metricSink';
import type { AnalyticsSpec } from '../spec/model';
import { EventSeries } from './eventSeries';
import type { PropertyValues } from './propertyValues';

/** A value family and the events whose values it sums (those declaring its unit). */
interface ValueFamily {
  readonly family: MetricFamily;
  readonly events: readonly EventSeries[];
}

/** `<ns>_events_total` for every declared event and one `<ns>_event_value_<unit>_total` per declared unit. */
export class EventCounters implements MetricSource {
  readonly events: readonly EventSeries[];
  private readonly eventsFamily: MetricFamily;
  private readonly valueFamilies: readonly ValueFamily[];

  constructor(spec: AnalyticsSpec) {
    this.events = spec.events.map((e) => new EventSeries(e));
    this.eventsFamily = productFamilies(spec.namespace).events;
    const units = [...new Set(this.events.flatMap((e) => (e.unit === undefined ? [] : [e.unit])))];
    this.valueFamilies = units.map((unit) => ({
      family: eventValueFamily(spec.namespace, unit),
      events: this.events.filter((e) => e.unit === unit),
    }));
  }

  /** Labelled series in use: each event tuple's count, and its value when declared. */
  seriesInUse(): number {
    return this.events.reduce((total, e) => total + e.size * (e.unit === undefined ? 1 : 2), 0);
  }

  /**
   * Gives the slots of property values idle past their time to new values, removing the series
   * that carried them; returns the retired indices by property, for the funnels broken down by one.
   */
  retireIdleValues(nowMs: number, retired: (property: PropertyValues, index: number) => void): void {
    for (const event of this.events) {
      event.properties.forEach((property, position) => {
        for (const index of property.retireIdle(nowMs)) {
          event.removeSeriesWith(position, index);
          retired(property, index);
        }
      });
    }
  }

  collect(sink: MetricSink): void {
    sink.family(this.eventsFamily);
    for (const event of this.events) {
      for (let slot = 0; slot < event.size; slot++) {
        sink.sample(
          event.labelText(slot),
          sink.wantsAttributes ? event.attributes(slot) : undefined,
          event.count(slot, sink),
          sink.wantsExemplars ? event.exemplar(slot, sink) : undefined
        );
      }
    }
    for (const { family, events } of this.valueFamilies) {
      sink.family(family);
      for (const event of events) {
        for (let slot = 0; slot < event.size; slot++) {
          sink.sample(
            event.labelText(slot),
            sink.wantsAttributes ? event.attributes(slot) : undefined,
            event.value(slot, sink)
          );
        }
      }
    }
    for (const event of this.events) event.exposure.collected(sink, event.size);
  }
}
