import type { z } from 'zod';
import type { PathIssue, SpecPath } from './issues';

/** Zod's own English messages start like this; ours (set in schema.ts) never do. */
const zodDefaultMessage = /^(Invalid|Too (small|big)|Unrecognized|Expected)/;

/** Turns zod issues into spec issues whose wording a user of analytics.yaml understands. */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[], base: SpecPath, input: unknown): PathIssue[] {
  return issues.map((issue) => {
    const path = [...base, ...(issue.path as (string | number)[])];
    const atKey = (issue as { params?: { atKey?: boolean } }).params?.atKey === true;
    const message = zodDefaultMessage.test(issue.message)
      ? describe(issue, valueAt(input, issue.path as (string | number)[]))
      : issue.message;
    return { path, message, atKey };
  });
}

function describe(issue: z.core.$ZodIssue, actual: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (actual === undefined) {
        return 'is required';
      }
      if (issue.expected === 'int') {
        return `must be a whole number, got ${describeValue(actual)}`;
      }
      return `expected ${expectedName(issue.expected)}, got ${describeValue(actual)}`;
    case 'too_small':
      return issue.origin === 'array'
        ? `needs at least ${String(issue.minimum)} item(s)`
        : issue.origin === 'string'
          ? 'must not be empty'
          : `must be at least ${String(issue.minimum)}, got ${describeValue(actual)}`;
    case 'too_big':
      return issue.origin === 'array'
        ? `has more than ${String(issue.maximum)} items`
        : issue.origin === 'string'
          ? `is longer than ${String(issue.maximum)} characters`
          : `must be at most ${String(issue.maximum)}, got ${describeValue(actual)}`;
    case 'invalid_value':
      return `must be one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return issue.message;
  }
}

function expectedName(expected: string): string {
  switch (expected) {
    case 'object':
    case 'record':
      return 'a mapping';
    case 'array':
      return 'a list';
    case 'string':
      return 'text';
    default:
      return `a ${expected}`;
  }
}

/** A short, bounded description of what the user wrote. */
export function describeValue(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return value.length > 40 ? `"${value.slice(0, 40)}…"` : JSON.stringify(value);
  return String(value);
}

function valueAt(input: unknown, path: readonly (string | number)[]): unknown {
  let node = input;
  for (const segment of path) {
    if (typeof node !== 'object' || node === null || !Object.prototype.hasOwnProperty.call(node, segment)) {
      return undefined;
    }
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}
