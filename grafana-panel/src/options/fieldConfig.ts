/**
 * Field config defaults: thresholds apply to conversion percentages (see
 * `components/shared/thresholdColor.ts`), so the defaults read as funnel health.
 */
import { FieldColorModeId, FieldConfigProperty, ThresholdsMode, type SetFieldConfigOptionsArgs } from '@grafana/data';

export const fieldConfigDefaults: SetFieldConfigOptionsArgs = {
  standardOptions: {
    [FieldConfigProperty.Color]: { defaultValue: { mode: FieldColorModeId.Thresholds } },
    [FieldConfigProperty.Thresholds]: {
      defaultValue: {
        mode: ThresholdsMode.Absolute,
        steps: [
          { value: -Infinity, color: 'red' },
          { value: 10, color: 'orange' },
          { value: 25, color: 'green' },
        ],
      },
    },
    [FieldConfigProperty.Unit]: { defaultValue: 'locale' },
    [FieldConfigProperty.Decimals]: { defaultValue: 0 },
  },
};
