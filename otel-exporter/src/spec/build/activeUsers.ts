import { durationOf } from '../duration';
import type { ActiveUsersScope, ActiveUsersSpec, EventSpec } from '../model';
import { identifierPattern } from '../names';
import type { RawActiveUsers } from '../schema';
import type { Checker } from './checker';
import { specDefaults } from './defaults';
import { knownEvent } from './references';

export function buildActiveUsers(
  check: Checker,
  raw: RawActiveUsers,
  events: ReadonlyMap<string, EventSpec>
): ActiveUsersSpec {
  const scopes: ActiveUsersScope[] = [];
  for (const [name, scope] of Object.entries(raw.scopes ?? {})) {
    const path = ['activeUsers', 'scopes', name];
    check.name(path, name, identifierPattern, 'scope name (letters, digits and _)');
    if (scope.events === undefined || scope.events === 'all') {
      scopes.push({ name });
      continue;
    }
    scope.events.forEach((event, index) => knownEvent(check, [...path, 'events', index], event, events));
    scopes.push({ name, events: scope.events });
  }
  const windows = raw.windows ?? specDefaults.activeUserWindows.map(durationOf);
  windows.forEach((window, index) => {
    if (windows.findIndex((w) => w.seconds === window.seconds) !== index) {
      check.add(['activeUsers', 'windows', index], `window ${window.text} is listed twice`);
    }
  });
  return {
    precision: raw.precision ?? specDefaults.hllPrecision,
    windows: [...windows].sort((a, b) => a.seconds - b.seconds),
    scopes: scopes.length > 0 ? scopes : [{ name: specDefaults.activeUserScope }],
  };
}
