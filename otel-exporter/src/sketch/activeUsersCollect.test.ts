import { productFamilies, type MetricFamily } from '../contract/families';
import { EventPipeline } from '../ingest/eventPipeline';
import type { MetricSink } from '../expose/metricSink';
import { manualClock, specOf } from '../testing/fixtures';

/** A sink that keeps the families `keeps` accepts and counts the samples it is given per family. */
function countingSink(keeps: (family: MetricFamily) => boolean) {
  const samples = new Map<string, number>();
  let current = '';
  const sink: MetricSink = {
    wantsAttributes: false,
    wantsExemplars: false,
    keeps,
    family(descriptor) {
      current = descriptor.name;
    },
    sample() {
      samples.set(current, (samples.get(current) ?? 0) + 1);
    },
    histogram() {},
  };
  return { sink, samples };
}

describe('collecting the active-user registers', () => {
  const clock = manualClock();
  const spec = specOf({
    events: { page_viewed: {} },
    activeUsers: { precision: 10, windows: ['1h', '1d'], scopes: { visitors: { events: 'all' } } },
  });
  const pipeline = new EventPipeline(spec, { clock });
  pipeline.record('page_viewed', { 'user.id': 'u1' }, clock());
  const families = productFamilies(spec.namespace);
  const registers = (family: MetricFamily) => family.name === families.activeUsersRegister.name;

  it('gives every register of every window to a sink that keeps them', () => {
    const { sink, samples } = countingSink(() => true);
    pipeline.collect(sink);
    expect(samples.get(families.activeUsersRegister.name)).toBe(2 * 1024);
  });

  it('skips them for a sink that keeps none (a history of counters), and still gives it the counters', () => {
    const { sink, samples } = countingSink((family) => !registers(family));
    pipeline.collect(sink);
    expect(samples.has(families.activeUsersRegister.name)).toBe(false);
    expect(samples.get(families.events.name)).toBeGreaterThan(0);
  });
});
