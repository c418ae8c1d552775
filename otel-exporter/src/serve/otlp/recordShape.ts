import type { IdentityAttributes } from '../../ingest/identity';
import { refuse } from '../refusal';

/** How decoders shape records: the limits that refuse a request and where identities may sit. */
export interface RecordShape {
  readonly maxAttributeDepth: number;
  readonly maxAttributes: number;
  /**
   * Identity attributes also read from the resource and scope when a record lacks them: the
   * Collector's `groupbyattrs` processor moves record attributes there.
   */
  readonly identity: IdentityAttributes;
}

/** Where a record sits in the request, for messages: `resourceLogs[0].scopeLogs[1].logRecords[7]`. */
export function recordPath(resource: number, scope: number, record: number): string {
  return `resourceLogs[${resource}].scopeLogs[${scope}].logRecords[${record}]`;
}

export function refuseDepth(where: string, shape: RecordShape): never {
  refuse(
    'invalid',
    `${where}: values nested deeper than ${shape.maxAttributeDepth} levels (limits.maxAttributeDepth); ` +
      'flatten the attribute'
  );
}

export function refuseAttributeCount(where: string, count: number, shape: RecordShape): never {
  refuse(
    'invalid',
    `${where} has ${count} attributes; at most ${shape.maxAttributes} are accepted (limits.maxAttributes)`
  );
}

/** The identity attribute names, user ones first. */
export function identityNames(shape: RecordShape): readonly string[] {
  return [...shape.identity.user, ...shape.identity.anonymous];
}

/** Fills identity attributes a record lacks from its scope's or resource's (already merged) ones. */
export function inheritIdentity(attributes: Record<string, unknown>, inherited: readonly [string, unknown][]): void {
  for (const [name, value] of inherited) {
    if (attributes[name] === undefined) attributes[name] = value;
  }
}
