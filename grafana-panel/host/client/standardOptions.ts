/**
 * The option-editor registries Grafana fills at start-up (core's `getAllOptionEditors` and
 * `getAllStandardFieldConfigs`). A plugin's `setPanelOptions` and `useFieldConfig` look editors
 * and standard field options up in them, so any host — this page, jest — must fill them first.
 * Editors render nothing here (there is no options pane); the processors are @grafana/data's own,
 * so overrides and defaults behave as in Grafana.
 */
import {
  booleanOverrideProcessor,
  dataLinksOverrideProcessor,
  displayNameOverrideProcessor,
  FieldConfigProperty,
  identityOverrideProcessor,
  numberOverrideProcessor,
  standardEditorsRegistry,
  standardFieldConfigEditorRegistry,
  stringOverrideProcessor,
  thresholdsOverrideProcessor,
  unitOverrideProcessor,
  valueMappingsOverrideProcessor,
  type FieldConfigPropertyItem,
  type StandardEditorsRegistryItem,
} from '@grafana/data';

const noEditor = () => null;

const editorIds = [
  'number',
  'slider',
  'text',
  'strings',
  'select',
  'multi-select',
  'radio',
  'boolean',
  'color',
  'unit',
  'links',
  'actions',
  'statsPicker',
  'timezone',
  'field-name',
  'fieldColor',
  'mappings',
  'thresholds',
  'dashboard-uid',
  'color-scheme',
];

type Processor = FieldConfigPropertyItem['process'];

const fieldConfigs: Array<[FieldConfigProperty, Processor]> = [
  [FieldConfigProperty.Unit, unitOverrideProcessor as Processor],
  [FieldConfigProperty.Min, numberOverrideProcessor as Processor],
  [FieldConfigProperty.Max, numberOverrideProcessor as Processor],
  [FieldConfigProperty.FieldMinMax, booleanOverrideProcessor as Processor],
  [FieldConfigProperty.Decimals, numberOverrideProcessor as Processor],
  [FieldConfigProperty.DisplayName, displayNameOverrideProcessor as Processor],
  [FieldConfigProperty.NoValue, stringOverrideProcessor as Processor],
  [FieldConfigProperty.Thresholds, thresholdsOverrideProcessor as Processor],
  [FieldConfigProperty.Mappings, valueMappingsOverrideProcessor as Processor],
  [FieldConfigProperty.Links, dataLinksOverrideProcessor as Processor],
  [FieldConfigProperty.Color, identityOverrideProcessor as Processor],
  [FieldConfigProperty.Filterable, booleanOverrideProcessor as Processor],
];

let registered = false;

export function registerStandardOptions(): void {
  if (registered) {
    return;
  }
  registered = true;
  standardEditorsRegistry.setInit(() =>
    editorIds.map((id): StandardEditorsRegistryItem => ({ id, name: id, editor: noEditor }))
  );
  standardFieldConfigEditorRegistry.setInit(() =>
    fieldConfigs.map(([id, process]): FieldConfigPropertyItem => ({
      id,
      path: id,
      name: id,
      editor: noEditor,
      override: noEditor,
      process,
      shouldApply: () => true,
    }))
  );
}
