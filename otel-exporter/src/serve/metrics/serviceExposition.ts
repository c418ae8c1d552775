import { UserIdPseudonymiser } from '../../exemplar/pseudonymiser';
import { createMetricsHandler, type MetricsHandler } from '../../expose/metricsHandler';
import { renderText, type TextFormat } from '../../expose/textExposition';
import type { Nowcast } from '../../nowcast';
import type { ServiceMetrics } from './serviceMetrics';

const openMetricsEnd = '# EOF\n';
/** The service's families carry no exemplars, so no user id to pseudonymise. */
const noUserIds = new UserIdPseudonymiser('omit', '');

/** The exporter's exposition followed by the service's own families (one `# EOF` in OpenMetrics). */
export function serviceExposition(exporterText: string, serviceText: string, format: TextFormat): string {
  if (format !== 'openmetrics') return exporterText + serviceText;
  const body = exporterText.endsWith(openMetricsEnd) ? exporterText.slice(0, -openMetricsEnd.length) : exporterText;
  return body + serviceText;
}

/** `/metrics` of the service: everything the exporter exposes, then the service's metrics. */
export function serviceMetricsHandler(nowcast: Nowcast, metrics: ServiceMetrics): MetricsHandler {
  return createMetricsHandler((format) =>
    serviceExposition(nowcast.metrics(format), renderText(metrics, format, noUserIds), format)
  );
}
