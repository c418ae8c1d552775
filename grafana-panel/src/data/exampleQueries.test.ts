import { defaultNamespace, generalRuleNames, histogramSeries, productFamilies } from '@nowcast/otel-exporter/contract';
import { exampleQueries } from './exampleQueries';

describe('exampleQueries', () => {
  it('queries the metrics of the given namespace', () => {
    const shop = exampleQueries('shop');
    const families = productFamilies('shop');
    expect(shop.funnelSteps).toContain(families.funnelStep.name);
    expect(shop.funnelBaseline).toContain(families.funnelStep.name);
    expect(shop.funnelBaseline).not.toBe(shop.funnelSteps);
    expect(shop.funnelOutcomes).toContain(families.funnelAttempts.name);
    expect(shop.funnelOutcomesBaseline).not.toBe(shop.funnelOutcomes);
    expect(shop.medianTimeToConvert).toContain(histogramSeries(families.funnelConversionSeconds).bucket);
    expect(shop.activeUsers).toContain(generalRuleNames('shop').activeUsersEstimate);
    expect(shop.eventRates).toContain(families.events.name);
    expect(shop.eventsInRange).toContain(families.events.name);
  });

  it('uses the exporter’s default namespace while the option is empty', () => {
    expect(exampleQueries('')).toEqual(exampleQueries(defaultNamespace));
  });
});
