import { PanelOptionsEditorBuilder, type PanelModel } from '@grafana/data';
import { registerStandardOptions } from '../../host/client/standardOptions';
import { plugin } from '../module';
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
    const items = editorItems();
    expect(items.map((item) => item.path).sort()).toEqual(Object.keys(defaultPanelOptions).sort());
    expect(plugin.defaults).toEqual(defaultPanelOptions);
  });

  it('shows funnel options only in funnel mode and live options only in live mode', () => {
    const items = editorItems();
    const visible = (mode: PanelOptions['mode']) =>
      items
        .filter((item) => item.showIf === undefined || item.showIf({ ...defaultPanelOptions, mode }, undefined))
        .map((item) => item.path);
    expect(visible('funnel')).toEqual(
      expect.arrayContaining(['mode', 'orientation', 'percentBase', 'comparisonRefId', 'breakdownLabel'])
    );
    expect(visible('funnel')).not.toContain('feedLength');
    expect(visible('live')).toEqual(['mode', 'namespace', 'feedLength', 'traceUrlTemplate']);
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
  const panel = (options: Record<string, unknown>) =>
    ({ id: 1, options, fieldConfig: { defaults: {}, overrides: [] } }) as unknown as PanelModel<Partial<PanelOptions>>;

  it('drops the scaffold’s 0.0.x options and fills in defaults', () => {
    expect(migrateOptions(panel({ text: 'hello', showSeriesCount: true, seriesCountSize: 'sm' }))).toEqual(
      defaultPanelOptions
    );
  });

  it('keeps valid saved values and repairs invalid ones', () => {
    const migrated = migrateOptions(
      panel({
        mode: 'live',
        orientation: 'diagonal',
        percentBase: 'previous',
        feedLength: 5000,
        comparisonRefId: ' B ',
        showLegend: 'yes',
      })
    );
    expect(migrated).toMatchObject({
      mode: 'live',
      orientation: 'horizontal',
      percentBase: 'previous',
      feedLength: 500,
      comparisonRefId: 'B',
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
