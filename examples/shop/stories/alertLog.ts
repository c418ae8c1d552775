import type { WebhookNotification } from '../demo/notifications';

/** One alert as a webhook notification carried it, with the time the receiver got it. */
export interface ReceivedAlert {
  readonly alertname: string;
  readonly status: 'firing' | 'resolved';
  readonly labels: Readonly<Record<string, string>>;
  readonly summary: string;
  readonly receivedAt: number;
}

/** Every alert the webhook received, in arrival order; what a story is judged by. */
export class AlertLog {
  readonly received: ReceivedAlert[] = [];

  add(notification: WebhookNotification, receivedAt: number): void {
    for (const alert of notification.alerts) {
      this.received.push({
        alertname: alert.labels.alertname ?? '',
        status: alert.status,
        labels: alert.labels,
        summary: alert.annotations.summary ?? '',
        receivedAt,
      });
    }
  }

  /** Firing alerts received in [from, to), first arrival per alert name and labels. */
  firedBetween(from: number, to = Infinity): ReceivedAlert[] {
    const seen = new Set<string>();
    return this.received.filter((alert) => {
      if (alert.status !== 'firing' || alert.receivedAt < from || alert.receivedAt >= to) return false;
      const key = JSON.stringify(Object.entries(alert.labels).sort());
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  /** The first firing notification of `alertname` whose labels include `labels`, received at or after `from`. */
  firstFiring(
    alertname: string,
    from: number,
    labels: Readonly<Record<string, string>> = {}
  ): ReceivedAlert | undefined {
    return this.received.find(
      (alert) =>
        alert.status === 'firing' &&
        alert.alertname === alertname &&
        alert.receivedAt >= from &&
        Object.entries(labels).every(([name, value]) => alert.labels[name] === value)
    );
  }
}
