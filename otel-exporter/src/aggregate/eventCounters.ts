import { productMetricNames, type ProductMetricNames } from '../contract/metricNames';
import type { MetricSink, MetricSource } from '../expose/metricSink';
import type { AnalyticsSpec } from '../spec/model';
import { EventSeries } from './eventSeries';
import { SeriesBudget } from './seriesBudget';

/** `<ns>_events_total` and `<ns>_event_value_total` for every declared event, within one budget. */
export class EventCounters implements MetricSource {
  readonly events: readonly EventSeries[];
  readonly budget: SeriesBudget;
  private readonly names: ProductMetricNames;

  constructor(spec: AnalyticsSpec) {
    this.events = spec.events.map((e) => new EventSeries(e));
    this.budget = new SeriesBudget(spec.limits.seriesBudget);
    this.names = productMetricNames(spec.namespace);
  }

  collect(sink: MetricSink): void {
    sink.family({
      name: this.names.events,
      type: 'counter',
      help: 'Product events by event and declared properties',
      unit: '1',
    });
    // Label texts of valued events, written again for the value family without rebuilding them.
    const valuedTexts = new Map<EventSeries, string[]>();
    for (const event of this.events) {
      const texts: string[] = [];
      if (event.valueField !== undefined) valuedTexts.set(event, texts);
      for (let slot = 0; slot < event.size; slot++) {
        const text = event.labelText(slot);
        texts.push(text);
        sink.sample(
          text,
          sink.wantsAttributes ? event.attributes(slot) : undefined,
          event.count(slot),
          sink.wantsExemplars ? event.exemplar(slot) : undefined
        );
      }
    }
    if (valuedTexts.size === 0) return;
    sink.family({
      name: this.names.eventValue,
      type: 'counter',
      help: "Sum of product events' values (revenue, items…), in each event's declared unit",
      unit: '1',
    });
    for (const [event, texts] of valuedTexts) {
      texts.forEach((text, slot) => {
        sink.sample(text, sink.wantsAttributes ? event.attributes(slot) : undefined, event.value(slot));
      });
    }
  }
}
