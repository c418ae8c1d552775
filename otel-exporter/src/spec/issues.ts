/** A path into the spec document: keys and list indices, e.g. ['funnels', 'checkout', 'steps', 2]. */
export type SpecPath = readonly (string | number)[];

/** One problem found in a spec, before it is placed at a file line. */
export interface PathIssue {
  readonly path: SpecPath;
  readonly message: string;
  /** Point at the key itself (a bad name) rather than at its value. */
  readonly atKey?: boolean;
}

/** One problem, placed: `analytics.yaml:14: funnels.checkout.steps[2]: unknown event "x"`. */
export interface SpecIssue {
  readonly file: string;
  /** 1-based; 0 when the spec did not come from a file. */
  readonly line: number;
  readonly path: string;
  readonly message: string;
}

export function formatIssue(issue: SpecIssue): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}` : issue.file;
  return issue.path === '' ? `${where}: ${issue.message}` : `${where}: ${issue.path}: ${issue.message}`;
}

/** Thrown by loadSpec: carries every issue at once, one line each in the message. */
export class SpecError extends Error {
  constructor(readonly issues: readonly SpecIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'SpecError';
  }
}

const plainKey = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** `funnels.checkout.steps[2]`; keys that are not plain identifiers are quoted: `events["shop.viewed"]`. */
export function formatPath(path: SpecPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      text += `[${segment}]`;
    } else if (plainKey.test(segment)) {
      text += text === '' ? segment : `.${segment}`;
    } else {
      text += `[${JSON.stringify(segment)}]`;
    }
  }
  return text;
}
