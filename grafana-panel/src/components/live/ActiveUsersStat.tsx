import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import React from 'react';
import type { ActiveUsers } from '../../data/live/readActivity';
import { displayValue } from '../shared/display';
import { Sparkline } from './Sparkline';

interface Props {
  activeUsers: ActiveUsers | undefined;
  width: number;
  /** The query to suggest when there is no estimate. */
  exampleQuery: string;
  /** One line, without the sparkline: a small panel's room goes to the feed. */
  condensed: boolean;
}

/** Active users now (the HyperLogLog estimate) as a big number over its recent history. */
export function ActiveUsersStat({ activeUsers, width, exampleQuery, condensed }: Props) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  if (activeUsers === undefined) {
    return (
      <div className={styles.card}>
        <span className={styles.caption}>Active users</span>
        <span className={styles.missing}>No estimate: add {exampleQuery} as a query.</span>
      </div>
    );
  }
  const text = displayValue(activeUsers.source.field, Math.round(activeUsers.now), theme);
  return (
    <div
      className={condensed ? styles.condensed : styles.card}
      role="group"
      aria-label={`Active users ${activeUsers.label}: ${text}`}
    >
      <span className={styles.caption}>Active users{activeUsers.label === '' ? '' : ` · ${activeUsers.label}`}</span>
      <span className={condensed ? styles.condensedValue : styles.value} data-testid="active-users">
        {text}
      </span>
      {!condensed && (
        <Sparkline
          points={activeUsers.history}
          width={Math.max(0, width - 16)}
          height={36}
          color={theme.colors.primary.main}
        />
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  card: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
    padding: theme.spacing(1),
    background: theme.colors.background.secondary,
    borderRadius: theme.shape.radius.default,
    minWidth: 0,
  }),
  condensed: css({ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', minWidth: 0 }),
  condensedValue: css({
    fontSize: theme.typography.h4.fontSize,
    color: theme.colors.text.primary,
    fontVariantNumeric: 'tabular-nums',
  }),
  caption: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  value: css({
    fontSize: theme.typography.h1.fontSize,
    fontWeight: theme.typography.fontWeightMedium,
    lineHeight: 1,
    color: theme.colors.text.primary,
    fontVariantNumeric: 'tabular-nums',
  }),
  missing: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
});
