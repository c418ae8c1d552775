import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import React from 'react';
import type { EventRate } from '../../data/live/readActivity';
import { eventColor } from '../shared/eventColor';
import { formatRate } from '../shared/format';

interface Props {
  rates: EventRate[];
  /** The query to suggest when there are no rates. */
  exampleQuery: string;
}

/** Events per second by event, largest first, each with a bar relative to the busiest, in the event's own colour. */
export function EventRates({ rates, exampleQuery }: Props) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const busiest = Math.max(0, ...rates.map((rate) => rate.perSecond));
  return (
    <section className={styles.section} aria-label="Events per second by event">
      <h3 className={styles.heading}>Events per second</h3>
      {rates.length === 0 ? (
        <p className={styles.empty}>No event rates: add {exampleQuery}.</p>
      ) : (
        <ul className={styles.list}>
          {rates.map((rate) => (
            <li key={rate.event} className={styles.row}>
              <span className={styles.event}>{rate.event}</span>
              <span className={styles.track} aria-hidden>
                <span
                  className={styles.bar}
                  style={{
                    width: `${busiest > 0 ? (rate.perSecond * 100) / busiest : 0}%`,
                    background: eventColor(rate.event, theme),
                  }}
                />
              </span>
              <span className={styles.rate}>{formatRate(rate.perSecond)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  section: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5), minWidth: 0 }),
  heading: css({
    margin: 0,
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.secondary,
    fontWeight: 'normal',
  }),
  list: css({
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
  }),
  row: css({
    display: 'grid',
    gridTemplateColumns: 'minmax(80px, 40%) 1fr auto',
    gap: theme.spacing(1),
    alignItems: 'center',
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  event: css({ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', color: theme.colors.text.primary }),
  track: css({
    height: theme.spacing(1),
    background: theme.colors.background.secondary,
    borderRadius: theme.shape.radius.default,
  }),
  bar: css({ display: 'block', height: '100%', borderRadius: theme.shape.radius.default }),
  rate: css({ fontVariantNumeric: 'tabular-nums', color: theme.colors.text.primary }),
  empty: css({ margin: 0, color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
});
