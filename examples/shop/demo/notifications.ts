/** The parts of an Alertmanager webhook notification (version 4) the demo prints. */
export interface WebhookNotification {
  readonly receiver: string;
  readonly status: 'firing' | 'resolved';
  readonly alerts: readonly {
    readonly status: 'firing' | 'resolved';
    readonly labels: Readonly<Record<string, string>>;
    readonly annotations: Readonly<Record<string, string>>;
    readonly startsAt: string;
  }[];
}

/** Grouping and routing labels, not worth repeating on every line. */
const quietLabels = new Set(['alertname', 'severity', 'team', 'job', 'instance', 'nowcast_kind']);

/** One console line per alert: "FIRING  critical  checkout_conversion_low  funnel=checkout — summary". */
export function describeNotification(notification: WebhookNotification): string[] {
  return notification.alerts.map((alert) => {
    const labels = Object.entries(alert.labels)
      .filter(([name]) => !quietLabels.has(name))
      .map(([name, value]) => `${name}=${value}`)
      .join(' ');
    const summary = alert.annotations.summary ?? alert.annotations.description ?? '';
    return [
      alert.status === 'firing' ? 'FIRING  ' : 'RESOLVED',
      (alert.labels.severity ?? '').padEnd(8),
      alert.labels.alertname ?? '(no name)',
      labels,
      summary === '' ? '' : `— ${summary}`,
    ]
      .filter((part) => part !== '')
      .join('  ');
  });
}
