/**
 * Which query plays which part. Every part names its queries by refId (picked from the panel's
 * queries in the options editor); a query with no part is ignored, and a part naming a query the
 * panel lacks is reported, so nothing is ever summed in silently.
 */
import type { Notice } from '../notices';

export interface QueryRole {
  /** The part in the user's words, e.g. "baseline". */
  readonly name: string;
  readonly refIds: readonly string[];
}

export interface RoleCheck {
  readonly notices: Notice[];
  /** refIds that belong to more than one part; each is read for its first part only. */
  readonly claimedTwice: ReadonlySet<string>;
}

/** The options categories holding each view's query pickers, named in the notices. */
export const roleCategories = { funnel: 'Funnel queries', live: 'Live activity queries' } as const;

/** A part read from one query; '' (no query chosen) names none. */
export function singleQueryRole(name: string, refId: string): QueryRole {
  return { name, refIds: refId === '' ? [] : [refId] };
}

const list = (refIds: readonly string[]) => refIds.join(', ');

/** `category`: the options category holding the parts' pickers, named in the notice. */
export function checkRoles(roles: readonly QueryRole[], queries: readonly string[], category: string): RoleCheck {
  const notices: Notice[] = [];
  const owner = new Map<string, string>();
  const claimedTwice = new Set<string>();
  for (const role of roles) {
    for (const refId of role.refIds) {
      const first = owner.get(refId);
      if (first === undefined) {
        owner.set(refId, role.name);
      } else if (first !== role.name) {
        claimedTwice.add(refId);
        notices.push({
          severity: 'warning',
          text: `Query ${refId} is chosen as both ${first} and ${role.name}; it is read as ${first} only.`,
        });
      }
    }
    const absent = role.refIds.filter((refId) => !queries.includes(refId));
    if (absent.length > 0) {
      notices.push({
        severity: 'warning',
        text: `The ${role.name} is set to query ${list(absent)}, which this panel does not have (its queries: ${list(queries) || 'none'}).`,
      });
    }
  }
  const unused = queries.filter((refId) => !owner.has(refId));
  if (unused.length > 0) {
    notices.push({
      severity: 'warning',
      text: `Query ${list(unused)} ${unused.length === 1 ? 'has' : 'have'} no part and ${unused.length === 1 ? 'is' : 'are'} not drawn: choose ${unused.length === 1 ? 'its' : 'their'} part under “${category}” in the panel options.`,
    });
  }
  return { notices, claimedTwice };
}
