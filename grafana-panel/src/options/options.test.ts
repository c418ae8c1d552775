import { PanelOptionsEditorBuilder, type PanelModel, type StandardEditorContext } from '@grafana/data';
import { registerStandardOptions } from '../../host/client/standardOptions';
import { checkoutSteps, grafanaScene, outcomesReaching, stepSeries } from '../data/fixtures/prometheus';
import { calculationIds } from '../data/series/calculation';
import { plugin } from '../module';
import { panelDataOf } from '../testing/panelProps';
import { defaultPanelOptions, type PanelOptions } from '../types';
import { buildPanelOptions } from './buildPanelOptions';
import { migrateOptions } from './migrateOptions';

beforeAll(registerStandardOptions);

function editorItems() {
  const builder = new PanelOptionsEditorBuilder<PanelOptions>();
  buildPanelOptions(builder);
  return builder.getItems();
}

describe('options editor', () => {
  it('has an editor for every option, with the documented defaults', () => {
    expect(
      editorItems()
        .map((item) => item.path)
        .sort()
    ).toEqual(Object.keys(defaultPanelOptions).sort());
    expect(plugin.defaults).toEqual(defaultPanelOptions);
  });

  it('shows funnel options only in funnel mode and live options only in live mode', () => {
    const items = editorItems();
    const visible = (mode: PanelOptions['mode']) =>
      items
        .filter((item) => item.showIf === undefined || item.showIf({ ...defaultPanelOptions, mode }, undefined))
        .map((item) => item.path);
    expect(visible('funnel')).toEqual(
      expect.arrayContaining([
        'stepsRefIds',
        'outcomesRefId',
        'baselineRefId',
        'medianRefId',
        'calculation',
        'minVolume',
      ])
    );
    expect(visible('funnel')).not.toContain('feedRefId');
    expect(visible('live')).toEqual([
      'mode',
      'namespace',
      'activeUsersRefId',
      'ratesRefId',
      'feedRefId',
      'feedLength',
      'traceUrlTemplate',
    ]);
  });

  it('picks each query’s part from the panel’s actual queries, keeping a saved one it no longer has', async () => {
    const data = panelDataOf(
      await grafanaScene([
        { target: { refId: 'A', expr: 'steps', instant: true }, instant: stepSeries(checkoutSteps) },
        { target: { refId: 'B', expr: 'outcomes', instant: true }, instant: outcomesReaching([10, 5]) },
      ])
    ).series;
    const picker = editorItems().find((item) => item.path === 'baselineRefId')!;
    const context = {
      data,
      options: { ...defaultPanelOptions, baselineRefId: 'Z' },
    } as StandardEditorContext<PanelOptions>;
    const choices = await (
      picker.settings as { getOptions: (c: typeof context) => Promise<Array<{ value: string; description?: string }>> }
    ).getOptions(context);
    expect(choices.map((choice) => [choice.value, choice.description])).toEqual([
      ['', undefined],
      ['A', undefined],
      ['B', undefined],
      ['Z', 'not a query of this panel'],
    ]);
  });

  it('offers Grafana’s standard reducers as the Calculation, Last * by default', () => {
    const calculation = editorItems().find((item) => item.path === 'calculation')!;
    const choices = (calculation.settings as { options: Array<{ value: string; label: string }> }).options;
    expect(choices.map((choice) => choice.value)).toEqual(calculationIds);
    expect(choices[0]).toMatchObject({ value: 'lastNotNull', label: 'Last *' });
  });

  it('sets thresholds on the conversion percentage by default', () => {
    expect(plugin.fieldConfigDefaults.defaults.thresholds?.steps.map((step) => step.value)).toEqual([
      -Infinity,
      10,
      25,
    ]);
  });
});

describe('migrateOptions', () => {
  // Saved JSON from older versions carries keys the current type does not know.
  const panel = (options: Record<string, unknown>, targets: Array<Record<string, unknown>> = []) =>
    ({ id: 1, options, targets, fieldConfig: { defaults: {}, overrides: [] } }) as unknown as PanelModel<
      Partial<PanelOptions>
    >;

  it('drops the scaffold’s 0.0.x options and fills in defaults', () => {
    expect(migrateOptions(panel({ text: 'hello', showSeriesCount: true, seriesCountSize: 'sm' }))).toEqual(
      defaultPanelOptions
    );
  });

  it('gives 0.1’s queries explicit parts: the baseline and median it named, every other query as steps', () => {
    const migrated = migrateOptions(
      panel({ mode: 'funnel', comparisonRefId: 'B', timeToConvertRefId: 'C' }, [
        { refId: 'A' },
        { refId: 'B' },
        { refId: 'C' },
      ])
    );
    expect(migrated).toMatchObject({ stepsRefIds: ['A'], baselineRefId: 'B', medianRefId: 'C', outcomesRefId: '' });
    const live = migrateOptions(panel({ mode: 'live' }, [{ refId: 'A' }, { refId: 'B', exemplar: true }]));
    expect(live).toMatchObject({ activeUsersRefId: 'A', ratesRefId: 'B', feedRefId: 'B' });
  });

  it('keeps valid saved values and repairs invalid ones', () => {
    const migrated = migrateOptions(
      panel({
        mode: 'live',
        orientation: 'diagonal',
        percentBase: 'previous',
        feedLength: 5000,
        baselineRefId: ' B ',
        stepsRefIds: ['A', 7],
        calculation: 'nonsense',
        minVolume: '20',
        showLegend: 'yes',
      })
    );
    expect(migrated).toMatchObject({
      mode: 'live',
      orientation: 'horizontal',
      percentBase: 'previous',
      feedLength: 500,
      baselineRefId: 'B',
      stepsRefIds: ['A'],
      calculation: 'lastNotNull',
      minVolume: 20,
      showLegend: true,
    });
  });

  it('keeps a saved namespace, trimmed, and defaults to none (the exporter’s default) before it existed', () => {
    expect(migrateOptions(panel({ mode: 'live', namespace: ' shop ' })).namespace).toBe('shop');
    expect(migrateOptions(panel({ mode: 'live' })).namespace).toBe('');
    expect(migrateOptions(panel({ namespace: 42 })).namespace).toBe('');
  });

  it('is wired into the plugin', () => {
    expect(plugin.onPanelMigration).toBe(migrateOptions);
  });
});
