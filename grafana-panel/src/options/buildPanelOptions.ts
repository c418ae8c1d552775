/** The options editor: one category per view, each option shown only where it applies. */
import type { PanelOptionsEditorBuilder } from '@grafana/data';
import { defaultNamespace, exemplarLabelNames } from '@nowcast/otel-exporter/contract';
import { exampleQueries } from '../data/exampleQueries';
import { defaultPanelOptions, type PanelOptions } from '../types';

export const feedLengthLimits = { min: 1, max: 500 } as const;

export function buildPanelOptions(
  builder: PanelOptionsEditorBuilder<PanelOptions>
): PanelOptionsEditorBuilder<PanelOptions> {
  const isFunnel = (options: PanelOptions) => options.mode !== 'live';
  const isLive = (options: PanelOptions) => options.mode === 'live';
  // Descriptions are fixed text, not redrawn per option value: their examples use the default namespace.
  const examples = exampleQueries(defaultPanelOptions.namespace);
  return builder
    .addRadio({
      path: 'mode',
      name: 'View',
      description: 'A conversion funnel, or live user activity (active users, event rates, recent events).',
      defaultValue: defaultPanelOptions.mode,
      settings: {
        options: [
          { value: 'funnel', label: 'Funnel' },
          { value: 'live', label: 'Live activity' },
        ],
      },
    })
    .addTextInput({
      path: 'namespace',
      name: 'Metric namespace',
      description: `The spec’s namespace (metric name prefix), for the example queries the panel suggests. Empty: ${defaultNamespace}.`,
      defaultValue: defaultPanelOptions.namespace,
      settings: { placeholder: defaultNamespace },
    })
    .addRadio({
      path: 'orientation',
      name: 'Orientation',
      category: ['Funnel'],
      defaultValue: defaultPanelOptions.orientation,
      settings: {
        options: [
          { value: 'horizontal', label: 'Horizontal' },
          { value: 'vertical', label: 'Vertical' },
        ],
      },
      showIf: isFunnel,
    })
    .addRadio({
      path: 'percentBase',
      name: 'Conversion from',
      description: 'Percentages (and threshold colours) are of the first step or of the previous step.',
      category: ['Funnel'],
      defaultValue: defaultPanelOptions.percentBase,
      settings: {
        options: [
          { value: 'first', label: 'First step' },
          { value: 'previous', label: 'Previous step' },
        ],
      },
      showIf: isFunnel,
    })
    .addTextInput({
      path: 'comparisonRefId',
      name: 'Baseline query',
      description: `refId of the same query shifted back, e.g. ${examples.funnelBaseline}, drawn as ghost bars with the change in points. Empty: no comparison.`,
      category: ['Funnel'],
      defaultValue: defaultPanelOptions.comparisonRefId,
      settings: { placeholder: 'B' },
      showIf: isFunnel,
    })
    .addTextInput({
      path: 'timeToConvertRefId',
      name: 'Time-to-convert query',
      description: `refId of the median time to convert per step, e.g. ${examples.medianTimeToConvert}.`,
      category: ['Funnel'],
      defaultValue: defaultPanelOptions.timeToConvertRefId,
      settings: { placeholder: 'C' },
      showIf: isFunnel,
    })
    .addTextInput({
      path: 'breakdownLabel',
      name: 'Break down by label',
      description: 'A label of the step series (e.g. the funnel’s breakdown property); one small funnel per value.',
      category: ['Funnel'],
      defaultValue: defaultPanelOptions.breakdownLabel,
      settings: { placeholder: 'country' },
      showIf: isFunnel,
    })
    .addBooleanSwitch({
      path: 'showDropOff',
      name: 'Show drop-off between steps',
      category: ['Funnel'],
      defaultValue: defaultPanelOptions.showDropOff,
      showIf: isFunnel,
    })
    .addBooleanSwitch({
      path: 'showLegend',
      name: 'Show legend',
      category: ['Funnel'],
      defaultValue: defaultPanelOptions.showLegend,
      showIf: isFunnel,
    })
    .addNumberInput({
      path: 'feedLength',
      name: 'Events in the feed',
      description: 'How many recent events (exemplars) the live feed keeps.',
      category: ['Live activity'],
      defaultValue: defaultPanelOptions.feedLength,
      settings: { min: feedLengthLimits.min, max: feedLengthLimits.max, integer: true },
      showIf: isLive,
    })
    .addTextInput({
      path: 'traceUrlTemplate',
      name: 'Trace URL',
      description: `Used when the exemplar’s ${exemplarLabelNames.traceId} field has no data link; \${traceId} is replaced.`,
      category: ['Live activity'],
      defaultValue: defaultPanelOptions.traceUrlTemplate,
      settings: { placeholder: 'https://tempo.example/trace/${traceId}' },
      showIf: isLive,
    });
}
