/** A shop with a four-step checkout funnel (30m window, broken down by platform) and a two-step signup. */
export const shopFunnelSpec = {
  events: {
    product_viewed: { properties: { platform: { values: ['web', 'ios'] } } },
    added_to_cart: {},
    checkout_started: {},
    paid: {},
    page_viewed: { properties: { page: { values: ['home', 'pricing'] } } },
    signed_up: {},
  },
  funnels: {
    checkout: {
      steps: ['product_viewed', 'added_to_cart', 'checkout_started', 'paid'],
      window: '30m',
      breakdown: 'platform',
    },
    signup: {
      steps: [{ name: 'pricing_viewed', event: 'page_viewed', where: { page: ['pricing'] } }, 'signed_up'],
      window: '1h',
    },
  },
} as const;
