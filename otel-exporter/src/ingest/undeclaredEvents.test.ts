import { selfMetricNames } from '../contract/families';
import { manualClock, specOf } from '../testing/fixtures';
import { collectSamples, sumOf } from '../testing/samples';
import { EventPipeline } from './eventPipeline';

describe('events the spec does not declare', () => {
  it('counts them on their own, not as drops: drop reasons mean malformed input', () => {
    const clock = manualClock();
    const pipeline = new EventPipeline(specOf({ events: { signed_up: {} } }), { clock });
    // Other instrumentation's events: an exception log record, a gen-AI event.
    expect(pipeline.record('exception', { 'exception.type': 'TypeError' }, clock())).toBeUndefined();
    expect(pipeline.record('gen_ai.client.inference.operation.details', {}, clock())).toBeUndefined();
    expect(pipeline.record('signed_up', { 'user.id': 'u' }, clock())).toBeUndefined();
    const samples = collectSamples(pipeline);
    expect(sumOf(samples, selfMetricNames.undeclaredEvents)).toBe(2);
    expect(sumOf(samples, selfMetricNames.dropped)).toBe(0);
    expect(sumOf(samples, selfMetricNames.received)).toBe(3);
  });
});
