/**
 * A scripted shop workload for the ingest tests: every client, instance and route sends the same
 * kind of events, so the ground truth is known exactly.
 */

export interface ScriptedEvent {
  readonly name: string;
  readonly userId?: string;
  readonly anonymousId?: string;
  /** Declared properties of the shop spec (and the value fields `quantity`, `amount`). */
  readonly properties: Readonly<Record<string, string | number>>;
}

const platforms = ['web', 'ios', 'android'] as const;
const providers = ['stripe', 'paypal', 'adyen', 'klarna'] as const;

/**
 * `users` visitors of the checkout funnel: user i views a page anonymously, then (signed in) views
 * a product, and goes further for some i: cart (2 of 3), checkout (1 of 2 of those), payment
 * (1 of 2 of those). Ids start with `prefix`, so runs do not share users.
 */
export function shopTraffic(prefix: string, users: number): ScriptedEvent[] {
  const events: ScriptedEvent[] = [];
  for (let i = 0; i < users; i++) {
    const userId = `${prefix}-user-${i}`;
    const platform = platforms[i % platforms.length] ?? 'web';
    events.push({
      name: 'page_viewed',
      anonymousId: `${prefix}-visitor-${i}`,
      properties: { page: 'home', platform },
    });
    events.push({ name: 'product_viewed', userId, properties: { category: `c${i % 5}`, platform } });
    if (i % 3 === 0) continue;
    events.push({ name: 'added_to_cart', userId, properties: { category: `c${i % 5}`, quantity: 1 + (i % 4) } });
    if (i % 2 === 0) continue;
    const provider = providers[i % providers.length] ?? 'stripe';
    events.push({ name: 'checkout_started', userId, properties: { payment_provider: provider } });
    if (i % 4 === 3) continue;
    events.push({
      name: 'payment_succeeded',
      userId,
      properties: { payment_provider: provider, amount: 10 + (i % 7) / 2 },
    });
  }
  return events;
}

/** Events per name. */
export function countByEvent(events: readonly ScriptedEvent[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const event of events) counts[event.name] = (counts[event.name] ?? 0) + 1;
  return counts;
}

/** The attributes of an event as an OTel log record carries them (identity + properties). */
export function recordAttributes(event: ScriptedEvent): Record<string, string | number> {
  return {
    ...(event.userId === undefined ? {} : { 'user.id': event.userId }),
    ...(event.anonymousId === undefined ? {} : { 'anonymous.id': event.anonymousId }),
    ...event.properties,
  };
}
