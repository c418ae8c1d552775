/**
 * The options editor: one category per view, each option shown only where it applies. Each
 * query's part is picked from the panel's own queries (the refIds its data carries), never typed.
 */
import type { DataFrame, FieldOverrideContext, PanelOptionsEditorBuilder, SelectableValue } from '@grafana/data';
import {
  defaultNamespace,
  exemplarLabelNames,
  panelRoleOptions,
  grafanaInterval,
  grafanaRange,
  increase,
} from '@nowcast/otel-exporter/contract';
import { exampleQueries } from '../data/exampleQueries';
import { queriesIn } from '../data/queries/queryFrames';
import { roleCategories } from '../data/queries/queryRoles';
import { calculationOptions } from '../data/series/calculation';
import { defaultPanelOptions, type PanelOptions } from '../types';
import type { RefIdOption } from './queryRoles';

export const feedLengthLimits = { min: 1, max: 500 } as const;

/** The panel's queries as picker choices, plus any saved choice the data no longer has (so it can be seen and cleared). */
export function queryChoices(frames: readonly DataFrame[], saved: readonly string[]): Array<SelectableValue<string>> {
  const present = queriesIn(frames);
  const refIds = [...present, ...saved.filter((refId) => refId !== '' && !present.includes(refId))];
  return refIds.map((refId) => ({
    value: refId,
    label: refId,
    ...(present.includes(refId) ? {} : { description: 'not a query of this panel' }),
  }));
}

function savedRefIds(context: FieldOverrideContext, path: keyof PanelOptions): string[] {
  const value: unknown = (context.options as Partial<PanelOptions> | undefined)?.[path];
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
}

export function buildPanelOptions(
  builder: PanelOptionsEditorBuilder<PanelOptions>
): PanelOptionsEditorBuilder<PanelOptions> {
  const isFunnel = (options: PanelOptions) => options.mode !== 'live';
  const isLive = (options: PanelOptions) => options.mode === 'live';
  // Descriptions are fixed text, not redrawn per option value: their examples use the default namespace.
  const examples = exampleQueries(defaultPanelOptions.namespace);
  const queryPicker = (
    path: RefIdOption,
    name: string,
    description: string,
    category: string[],
    showIf: (options: PanelOptions) => boolean
  ) =>
    builder.addSelect<
      string,
      {
        options: Array<SelectableValue<string>>;
        isClearable: boolean;
        getOptions: (context: FieldOverrideContext) => Promise<Array<SelectableValue<string>>>;
      }
    >({
      path,
      name,
      description,
      category,
      defaultValue: defaultPanelOptions[path],
      settings: {
        options: [],
        isClearable: true,
        getOptions: async (context) => [
          { value: '', label: 'None' },
          ...queryChoices([...(context.data ?? [])], savedRefIds(context, path)),
        ],
      },
      showIf,
    });

  builder
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
    .addMultiSelect({
      path: panelRoleOptions.steps,
      name: 'Steps',
      description: `The live step counts, e.g. ${examples.funnelSteps} — or one query per step, in order.`,
      category: [roleCategories.funnel],
      defaultValue: defaultPanelOptions.stepsRefIds,
      settings: {
        options: [],
        // Grafana types a multi-select's choices by the option's value (string[]), but each
        // choice is one element of it: one refId.
        getOptions: (async (context: FieldOverrideContext) =>
          queryChoices([...(context.data ?? [])], savedRefIds(context, panelRoleOptions.steps))) as unknown as (
          context: FieldOverrideContext
        ) => Promise<Array<SelectableValue<string[]>>>,
      },
      showIf: isFunnel,
    });
  queryPicker(
    panelRoleOptions.outcomes,
    'Outcomes (settled)',
    `Closed attempts by furthest step, e.g. ${examples.funnelOutcomes}: conversion becomes cohort-exact.`,
    [roleCategories.funnel],
    isFunnel
  );
  queryPicker(
    panelRoleOptions.baseline,
    'Baseline',
    `The same counts shifted back, e.g. ${examples.funnelOutcomesBaseline}, drawn as ghost bars with the change in points.`,
    [roleCategories.funnel],
    isFunnel
  );
  queryPicker(
    panelRoleOptions.median,
    'Median time to convert',
    `e.g. ${examples.medianTimeToConvert}`,
    [roleCategories.funnel],
    isFunnel
  );
  builder
    .addSelect({
      path: 'calculation',
      name: 'Calculation',
      description: `How each series becomes one count. Last * for queries of ${increase('…', grafanaRange)} (instant or range); Total for range queries of ${increase('…', grafanaInterval)}.`,
      category: [roleCategories.funnel],
      defaultValue: defaultPanelOptions.calculation,
      settings: { options: calculationOptions() },
      showIf: isFunnel,
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
      path: 'breakdownLabel',
      name: 'Break down by label',
      description: 'A label of the step series (e.g. the funnel’s breakdown property); one small funnel per value.',
      category: ['Funnel'],
      defaultValue: defaultPanelOptions.breakdownLabel,
      settings: { placeholder: 'country' },
      showIf: isFunnel,
    })
    .addNumberInput({
      path: 'minVolume',
      name: 'Minimum volume',
      description: 'A conversion whose base counted fewer attempts is marked “not enough data” (the spec’s minVolume).',
      category: ['Funnel'],
      defaultValue: defaultPanelOptions.minVolume,
      settings: { min: 0, integer: true },
      showIf: isFunnel,
    })
    .addBooleanSwitch({
      path: 'showEmptyGroups',
      name: 'Show empty groups',
      description: 'Draw breakdown values that counted nobody at the first step.',
      category: ['Funnel'],
      defaultValue: defaultPanelOptions.showEmptyGroups,
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
    });
  queryPicker(
    panelRoleOptions.activeUsers,
    'Active users',
    `e.g. ${examples.activeUsers} (a range query draws its history)`,
    [roleCategories.live],
    isLive
  );
  queryPicker(panelRoleOptions.rates, 'Event rates', `e.g. ${examples.eventRates}`, [roleCategories.live], isLive);
  queryPicker(
    panelRoleOptions.feed,
    'Feed',
    `Events in the range with “Exemplars” on, e.g. ${examples.eventsInRange}; min step 1s.`,
    [roleCategories.live],
    isLive
  );
  return builder
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
      description: `Used when the exemplar’s ${exemplarLabelNames.traceId} field has no data link; \${traceId} is replaced. http(s) only.`,
      category: ['Live activity'],
      defaultValue: defaultPanelOptions.traceUrlTemplate,
      settings: { placeholder: 'https://tempo.example/trace/${traceId}' },
      showIf: isLive,
    });
}
