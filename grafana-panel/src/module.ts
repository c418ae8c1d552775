import { PanelPlugin } from '@grafana/data';
import { AnalyticsPanel } from './components/AnalyticsPanel';
import { buildPanelOptions } from './options/buildPanelOptions';
import { fieldConfigDefaults } from './options/fieldConfig';
import { migrateOptions } from './options/migrateOptions';
import type { PanelOptions } from './types';

export const plugin = new PanelPlugin<PanelOptions>(AnalyticsPanel)
  .useFieldConfig(fieldConfigDefaults)
  .setPanelOptions(buildPanelOptions)
  .setMigrationHandler(migrateOptions);
