import type { Random } from './random';
import type { Scenario } from './scenarios';

/** One product event of the simulated shop, as an app would track it. */
export interface ShopEvent {
  readonly name: string;
  /** Milliseconds since the epoch. */
  readonly time: number;
  readonly userId?: string;
  readonly anonymousId?: string;
  /** OTel attribute name → value (the spec's property attributes and value fields). */
  readonly attributes: Readonly<Record<string, string | number>>;
}

const platforms = { web: 6, ios: 2, android: 2 } as const;
const categories = ['shoes', 'shirts', 'jackets', 'bags', 'hats', 'socks'] as const;
/** The shop's usual payment mix. */
export const paymentProviders: Readonly<Record<string, number>> = { stripe: 5, paypal: 3, adyen: 1, klarna: 1 };
/** The web visitors' browsers and versions: most run the newest Chrome, as on the real web. */
const browsers: Readonly<Record<string, number>> = { chrome: 6, safari: 2, firefox: 1, edge: 1 };
const browserVersions: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  chrome: { '129': 1, '130': 3, '131': 6 },
  safari: { '17': 1, '18': 3 },
  firefox: { '131': 1, '132': 2 },
  edge: { '130': 1, '131': 2 },
};
const routes = ['/api/cart', '/api/search', '/api/checkout', '/api/products'] as const;
const failureReasons = ['card_declined', 'timeout', 'provider_error'] as const;

/**
 * Plays one visitor's session from `start`: home, maybe pricing and sign-up, products, cart,
 * checkout and payment, with API errors along the way. Returns its events in time order.
 */
export function playSession(random: Random, scenario: Scenario, start: number): ShopEvent[] {
  const events: ShopEvent[] = [];
  const anonymousId = random.id('anon');
  let userId = random.chance(0.3) ? random.id('user') : undefined;
  const platform = random.weighted(platforms);
  const browser = platform === 'web' ? random.weighted(browsers) : 'app';
  const version = platform === 'web' ? random.weighted(browserVersions[browser] ?? { '1': 1 }) : '1';
  let time = start;

  const identity = () => (userId === undefined ? { anonymousId } : { userId });
  const emit = (name: string, attributes: Record<string, string | number>, ids: Partial<ShopEvent> = identity()) => {
    events.push({ name, time: Math.round(time), ...ids, attributes });
  };
  const think = (meanSeconds: number) => {
    time += random.exponential(meanSeconds * 1000);
  };
  const view = (page: string) => {
    emit('page_viewed', { page, platform, 'browser.name': browser, 'browser.version': version });
    const broken = scenario.brokenBrowserVersion;
    const errorRate =
      broken !== undefined && broken.browser === browser && broken.version === version
        ? broken.errorRate
        : scenario.apiErrorRate;
    if (random.chance(errorRate)) {
      emit('api_error', { 'browser.name': browser, 'browser.version': version, route: random.pick(routes) });
    }
  };

  view('home');
  if (random.chance(0.3)) {
    think(5);
    view('pricing');
    if (userId === undefined && random.chance(0.2)) {
      think(20);
      userId = random.id('user');
      // Carries both ids: the exporter links them and keeps the visitor's funnel progress.
      emit('signed_up', { platform }, { userId, anonymousId });
    }
  }
  const category = random.pick(categories);
  const productViews = 1 + Math.floor(random.next() * 3);
  for (let i = 0; i < productViews; i++) {
    think(6);
    view('product');
    emit('product_viewed', { category, platform });
  }
  if (!random.chance(scenario.addToCart)) return events;
  think(10);
  emit('added_to_cart', { category, quantity: 1 + Math.floor(random.next() * 3) });
  if (!random.chance(scenario.startCheckout)) return events;
  think(15);
  if (userId === undefined && random.chance(0.5)) {
    userId = random.id('user');
    emit('page_viewed', { page: 'account', platform }, { userId, anonymousId });
  }
  view('checkout');
  const provider = random.weighted(scenario.providerWeights ?? paymentProviders);
  emit('checkout_started', { payment_provider: provider });
  think(20);
  const failing = scenario.failingProviders.includes(provider);
  if (random.chance(failing ? 0.15 : scenario.paySuccess)) {
    const amount = Math.round((20 + random.next() * 180) * 100) / 100;
    emit('payment_succeeded', { payment_provider: provider, amount });
  } else {
    const reason =
      failing && scenario.failureReason !== undefined ? scenario.failureReason : random.pick(failureReasons);
    emit('payment_failed', { payment_provider: provider, reason });
  }
  return events;
}
