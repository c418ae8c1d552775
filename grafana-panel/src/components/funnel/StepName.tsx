import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import React from 'react';
import { wordsOf, type StepLabel } from './stepLabels';

interface Props {
  label: StepLabel;
  /** The step's data link, already checked (`safeUrl`). */
  href?: string;
  target?: string;
}

/** A step's name as it fits its column: whole and wrapped at its separators, or abbreviated, the full name in its tooltip. */
export function StepName({ label, href, target }: Props) {
  const styles = useStyles2(getStyles);
  const text = wordsOf(label.text).map((word, i) => (
    <React.Fragment key={i}>
      {word}
      <wbr />
    </React.Fragment>
  ));
  return href === undefined ? (
    <span className={styles.name} title={label.full} data-step-label>
      {text}
    </span>
  ) : (
    <a className={styles.link} href={href} target={target} title={label.full} aria-label={label.full} data-step-label>
      {text}
    </a>
  );
}

const getStyles = (theme: GrafanaTheme2) => {
  const name = {
    display: '-webkit-box',
    WebkitBoxOrient: 'vertical',
    WebkitLineClamp: 2,
    overflow: 'hidden',
    overflowWrap: 'anywhere',
    fontVariantNumeric: 'normal',
  } as const;
  return {
    name: css({ ...name, color: theme.colors.text.primary }),
    link: css({ ...name, color: theme.colors.text.link, '&:hover': { textDecoration: 'underline' } }),
  };
};
