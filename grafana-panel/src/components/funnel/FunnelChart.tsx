import { css, cx } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import React from 'react';
import type { FunnelGroup, FunnelStep } from '../../data/funnel/buildFunnelModel';
import type { FunnelOrientation, PercentBase } from '../../types';
import { displayCount } from '../shared/display';
import { formatPercent } from '../shared/format';
import { FunnelStepBar } from './FunnelStepBar';

interface Props {
  group: FunnelGroup;
  onActivate: (step: FunnelStep, element: HTMLElement) => void;
  onDeactivate: () => void;
  title: string | undefined;
  orientation: FunnelOrientation;
  percentBase: PercentBase;
  showBaseline: boolean;
  showDropOff: boolean;
  compact: boolean;
}

/** One funnel: its steps in order, with the drop-off between each pair. */
export function FunnelChart({
  group,
  title,
  orientation,
  percentBase,
  showBaseline,
  showDropOff,
  compact,
  onActivate,
  onDeactivate,
}: Props) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const overall = group.steps[group.steps.length - 1]?.conversionFromFirstStep;
  return (
    <section className={styles.chart} aria-label={title === undefined ? 'Funnel' : `Funnel for ${title}`}>
      {title !== undefined && (
        <header className={styles.header}>
          <span className={styles.title}>{title}</span>
          <span className={styles.overall}>{formatPercent(overall)} overall</span>
        </header>
      )}
      <ol className={cx(styles.steps, orientation === 'vertical' && styles.stepsVertical)}>
        {group.steps.map((step, position) => (
          <React.Fragment key={step.name}>
            {showDropOff && !compact && position > 0 && step.dropOffFromPreviousStep !== undefined && (
              <li className={cx(styles.dropOff, orientation === 'vertical' && styles.dropOffVertical)} aria-hidden>
                <span>
                  ↓{' '}
                  {displayCount(
                    step.source?.field ?? group.steps[0]?.source?.field,
                    step.dropOffFromPreviousStep,
                    theme
                  )}{' '}
                  dropped ({formatPercent(step.dropOffPercentFromPreviousStep)})
                </span>
              </li>
            )}
            <FunnelStepBar
              step={step}
              scaleMax={group.scaleMax}
              orientation={orientation}
              percentBase={percentBase}
              showBaseline={showBaseline}
              compact={compact}
              onActivate={onActivate}
              onDeactivate={onDeactivate}
            />
          </React.Fragment>
        ))}
      </ol>
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  chart: css({
    display: 'flex',
    flexDirection: 'column',
    minWidth: 0,
    minHeight: 0,
    height: '100%',
    gap: theme.spacing(0.5),
  }),
  header: css({
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'baseline',
    borderBottom: `1px solid ${theme.colors.border.weak}`,
    paddingBottom: theme.spacing(0.25),
  }),
  title: css({ fontWeight: theme.typography.fontWeightMedium, color: theme.colors.text.primary }),
  overall: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  steps: css({
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gridTemplateColumns: 'minmax(80px, 28%) minmax(0, 1fr) auto',
    columnGap: theme.spacing(1),
    rowGap: theme.spacing(0.5),
    alignContent: 'space-evenly',
    alignItems: 'center',
    flex: '1 1 auto',
  }),
  stepsVertical: css({
    display: 'flex',
    flexDirection: 'row',
    alignItems: 'stretch',
    flex: '1 1 auto',
    minHeight: 0,
    gap: theme.spacing(1),
  }),
  dropOff: css({
    gridColumn: '2 / -1',
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    lineHeight: 1.2,
  }),
  dropOffVertical: css({
    display: 'flex',
    alignItems: 'center',
    paddingLeft: 0,
    flex: '0 0 auto',
    maxWidth: theme.spacing(9),
    textAlign: 'center',
  }),
});
