/**
 * The bench's baseline: the same values drawn by Grafana's own bar gauge (`@grafana/ui`
 * BarGauge, one per value, as the core bar gauge panel does), so the plugin's render time is
 * reported next to what a core visualization costs for the same data on the same machine.
 */
import { FieldType, getDisplayProcessor, VizOrientation, type GrafanaTheme2, type PanelData } from '@grafana/data';
import { BarGaugeDisplayMode } from '@grafana/schema';
import { BarGauge } from '@grafana/ui';
import React from 'react';

interface Props {
  data: PanelData;
  width: number;
  height: number;
  theme: GrafanaTheme2;
}

export function BaselineBarGauges({ data, width, height, theme }: Props) {
  const fields = data.series.flatMap((frame) => frame.fields.filter((field) => field.type === FieldType.number));
  const itemHeight = Math.max(12, Math.floor(height / Math.max(1, fields.length)));
  return (
    <div style={{ width, height, overflow: 'auto' }}>
      {fields.map((field, i) => {
        const display = field.display ?? getDisplayProcessor({ field, theme });
        const raw = field.values[field.values.length - 1];
        const value = display(raw);
        return (
          <BarGauge
            key={i}
            width={width}
            height={itemHeight}
            field={field.config}
            display={display}
            value={{ ...value, title: field.labels?.step ?? field.name }}
            orientation={VizOrientation.Horizontal}
            displayMode={BarGaugeDisplayMode.Basic}
            theme={theme}
            isOverflow={false}
          />
        );
      })}
    </div>
  );
}
