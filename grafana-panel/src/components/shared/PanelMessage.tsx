import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Icon, useStyles2 } from '@grafana/ui';
import React from 'react';
import type { PanelDataStatus } from '../../data/status';

interface Props {
  /** A data hook's result that is not `ok`. */
  state: Exclude<PanelDataStatus<unknown>, { status: 'ok' }>;
}

/** The panel's no-data, unsupported-shape and error states: what happened and what to do. */
export function PanelMessage({ state }: Props) {
  const { status: kind, message } = state;
  const hint = state.status === 'unsupported' ? state.hint : undefined;
  const styles = useStyles2(getStyles);
  const icon = kind === 'error' ? 'exclamation-triangle' : kind === 'unsupported' ? 'info-circle' : 'chart-line';
  return (
    <div className={styles.wrapper} role={kind === 'error' ? 'alert' : 'status'} data-testid={`panel-${kind}`}>
      <Icon name={icon} size="lg" className={kind === 'error' ? styles.errorIcon : styles.icon} aria-hidden />
      <p className={styles.message}>{message}</p>
      {hint !== undefined && <p className={styles.hint}>{hint}</p>}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrapper: css({
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    height: '100%',
    padding: theme.spacing(1),
    gap: theme.spacing(1),
    textAlign: 'center',
    overflow: 'auto',
  }),
  icon: css({ color: theme.colors.text.secondary }),
  errorIcon: css({ color: theme.colors.error.text }),
  message: css({ margin: 0, color: theme.colors.text.primary, fontSize: theme.typography.body.fontSize }),
  hint: css({
    margin: 0,
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    fontFamily: theme.typography.fontFamilyMonospace,
    wordBreak: 'break-word',
    maxWidth: 640,
  }),
});
