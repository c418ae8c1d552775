import { join } from 'node:path';
import { loadSpec, type AnalyticsSpec } from '@nowcast/otel-exporter/spec';
import { ShopTraffic } from './traffic';
import type { ShopEvent } from './sessions';
import type { ScenarioName } from './scenarios';

let spec: AnalyticsSpec;
beforeAll(async () => {
  spec = await loadSpec(join(__dirname, '../analytics.yaml'));
});

/** Ten simulated minutes of one scenario. */
function tenMinutes(scenario: ScenarioName, seed = 7): ShopEvent[] {
  const start = Date.UTC(2026, 10, 27, 12);
  const traffic = new ShopTraffic(seed, start);
  traffic.setScenario(scenario);
  const events: ShopEvent[] = [];
  for (let now = start; now <= start + 600_000; now += 1000) {
    events.push(...traffic.due(now));
  }
  return events;
}

const count = (events: ShopEvent[], name: string, where: (e: ShopEvent) => boolean = () => true) =>
  events.filter((e) => e.name === name && where(e)).length;

describe('shop traffic', () => {
  it('emits only events and property values the shop spec declares', () => {
    const events = tenMinutes('normal');
    expect(events.length).toBeGreaterThan(5000);
    const problems: string[] = [];
    for (const event of events) {
      const declared = spec.events.find((e) => e.name === event.name);
      if (declared === undefined) {
        problems.push(`undeclared event ${event.name}`);
        continue;
      }
      const valueField = declared.value?.field;
      for (const [attribute, value] of Object.entries(event.attributes)) {
        const property = declared.properties.find((p) => p.attribute === attribute);
        if (property === undefined && attribute !== valueField) {
          problems.push(`${event.name}: undeclared attribute ${attribute}`);
        } else if (property?.values !== undefined && !property.values.includes(String(value))) {
          problems.push(`${event.name}: ${attribute}=${value} is not a declared value`);
        }
      }
      if (event.userId === undefined && event.anonymousId === undefined) {
        problems.push(`${event.name} without identity`);
      }
    }
    expect([...new Set(problems)]).toEqual([]);
  });

  it('hands out events in time order, none in the future', () => {
    const start = Date.UTC(2026, 10, 27, 12);
    const traffic = new ShopTraffic(3, start);
    let last = 0;
    for (let now = start; now <= start + 120_000; now += 500) {
      for (const event of traffic.due(now)) {
        expect(event.time).toBeLessThanOrEqual(now);
        expect(event.time).toBeGreaterThanOrEqual(last);
        last = event.time;
      }
    }
  });

  it('converts about 90% of checkouts normally and far fewer in a flash sale', () => {
    const paidShare = (events: ShopEvent[]) => count(events, 'payment_succeeded') / count(events, 'checkout_started');
    expect(paidShare(tenMinutes('normal'))).toBeGreaterThan(0.8);
    expect(paidShare(tenMinutes('flash-sale'))).toBeLessThan(0.6);
    expect(count(tenMinutes('flash-sale'), 'page_viewed')).toBeGreaterThan(
      2.5 * count(tenMinutes('normal'), 'page_viewed')
    );
  });

  it('breaks PayPal only in a payment outage', () => {
    const events = tenMinutes('payment-outage');
    const failShare = (provider: string) => {
      const failed = count(events, 'payment_failed', (e) => e.attributes.payment_provider === provider);
      return failed / (failed + count(events, 'payment_succeeded', (e) => e.attributes.payment_provider === provider));
    };
    expect(failShare('paypal')).toBeGreaterThan(0.6);
    expect(failShare('stripe')).toBeLessThan(0.2);
  });

  it('raises API errors for Chrome 131 alone in the browser bug', () => {
    const errorsPerView = (events: ShopEvent[], browser: string, version: string) => {
      const onBrowser = (e: ShopEvent) =>
        e.attributes['browser.name'] === browser && e.attributes['browser.version'] === version;
      const views = count(events, 'page_viewed') / 10; // every web browser/version has a similar share of views
      return count(events, 'api_error', onBrowser) / views;
    };
    const normal = tenMinutes('normal');
    const bug = tenMinutes('browser-bug');
    expect(errorsPerView(bug, 'chrome', '131')).toBeGreaterThan(5 * errorsPerView(normal, 'chrome', '131'));
    expect(errorsPerView(bug, 'safari', '18')).toBeLessThan(2 * errorsPerView(normal, 'safari', '18') + 0.01);
  });

  it('links anonymous visitors to the user id they sign in with', () => {
    const linked = tenMinutes('normal').filter((e) => e.userId !== undefined && e.anonymousId !== undefined);
    expect(linked.length).toBeGreaterThan(100);
    expect(new Set(linked.map((e) => e.name))).toEqual(new Set(['signed_up', 'page_viewed']));
  });

  it('sends nothing while tracking is down', () => {
    expect(tenMinutes('tracking-down')).toEqual([]);
  });
});
