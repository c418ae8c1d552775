import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import React from 'react';

interface Props {
  points: ReadonlyArray<readonly [number, number]>;
  width: number;
  height: number;
  color: string;
}

/** A plain SVG sparkline: no canvas, so it renders the same in Grafana, tests and screenshots. */
export function Sparkline({ points, width, height, color }: Props) {
  const styles = useStyles2(getStyles);
  if (points.length < 2 || width <= 0 || height <= 0) {
    return null;
  }
  const times = points.map(([time]) => time);
  const values = points.map(([, value]) => value);
  const [t0, t1] = [Math.min(...times), Math.max(...times)];
  const [v0, v1] = [Math.min(...values), Math.max(...values)];
  const x = (time: number) => (t1 === t0 ? 0 : ((time - t0) / (t1 - t0)) * width);
  const y = (value: number) => (v1 === v0 ? height / 2 : height - 1 - ((value - v0) / (v1 - v0)) * (height - 2));
  const line = points.map(([time, value]) => `${x(time).toFixed(1)},${y(value).toFixed(1)}`).join(' ');
  return (
    <svg className={styles.svg} width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden>
      <polygon points={`0,${height} ${line} ${width},${height}`} fill={color} fillOpacity={0.15} />
      <polyline points={line} fill="none" stroke={color} strokeWidth={1.5} />
    </svg>
  );
}

const getStyles = (_theme: GrafanaTheme2) => ({ svg: css({ display: 'block' }) });
