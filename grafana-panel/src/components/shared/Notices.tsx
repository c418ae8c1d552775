import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Icon, useStyles2 } from '@grafana/ui';
import React, { useState } from 'react';
import type { Notice } from '../../data/notices';

interface Props {
  notices: readonly Notice[];
  /** Small panels show a count that opens the list, so the chart keeps its room. */
  collapsed: boolean;
}

/** What the panel ignored or could not show, and how to read what it shows. */
export function Notices({ notices, collapsed }: Props) {
  const styles = useStyles2(getStyles);
  const [open, setOpen] = useState(false);
  if (notices.length === 0) {
    return null;
  }
  const warnings = notices.filter((notice) => notice.severity === 'warning').length;
  const list = (
    <ul className={styles.list} aria-label="Notes on the data">
      {notices.map((notice) => (
        <li key={notice.text} className={notice.severity === 'warning' ? styles.warning : styles.info}>
          <Icon name={notice.severity === 'warning' ? 'exclamation-triangle' : 'info-circle'} size="sm" aria-hidden />
          <span>{notice.text}</span>
        </li>
      ))}
    </ul>
  );
  if (!collapsed) {
    return list;
  }
  return (
    <div className={styles.collapsed}>
      <button type="button" className={styles.toggle} aria-expanded={open} onClick={() => setOpen(!open)}>
        <Icon name={warnings > 0 ? 'exclamation-triangle' : 'info-circle'} size="sm" aria-hidden />
        {notices.length} {notices.length === 1 ? 'note' : 'notes'}
      </button>
      {open && list}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => {
  const line = {
    display: 'flex',
    gap: theme.spacing(0.5),
    alignItems: 'baseline',
    fontSize: theme.typography.bodySmall.fontSize,
    lineHeight: theme.typography.bodySmall.lineHeight,
  } as const;
  return {
    list: css({
      listStyle: 'none',
      margin: 0,
      padding: 0,
      display: 'flex',
      flexDirection: 'column',
      gap: theme.spacing(0.25),
      maxHeight: '30%',
      overflowY: 'auto',
      flexShrink: 0,
    }),
    warning: css({ ...line, color: theme.colors.warning.text }),
    info: css({ ...line, color: theme.colors.text.secondary }),
    collapsed: css({ flexShrink: 0 }),
    toggle: css({
      all: 'unset',
      cursor: 'pointer',
      display: 'inline-flex',
      gap: theme.spacing(0.5),
      alignItems: 'center',
      color: theme.colors.warning.text,
      fontSize: theme.typography.bodySmall.fontSize,
      '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}` },
    }),
  };
};
