import { defaultIdentityAttributes } from '../../ingest/identity';
import { Refusal } from '../refusal';
import { decodeSegment, type SegmentMapping } from './segmentCalls';

const mapping: SegmentMapping = { identity: defaultIdentityAttributes, pageEvent: 'page_viewed' };
const now = Date.UTC(2026, 0, 31);

const decode = (route: Parameters<typeof decodeSegment>[0], body: unknown) =>
  decodeSegment(route, body, Buffer.byteLength(JSON.stringify(body)), mapping, now);

function refusalOf(route: Parameters<typeof decodeSegment>[0], body: unknown): string {
  try {
    decode(route, body);
    return 'accepted';
  } catch (error) {
    return error instanceof Refusal ? `${error.kind}: ${error.message}` : String(error);
  }
}

describe('Segment calls', () => {
  it('maps track, page, identify and alias onto events and links, in order', () => {
    const { records, writeKey } = decode('batch', {
      writeKey: 'key-in-body',
      batch: [
        { type: 'page', anonymousId: 'a1', name: 'Pricing', properties: { page: 'pricing' } },
        { type: 'identify', anonymousId: 'a1', userId: 'u1', traits: { plan: 'pro' } },
        {
          type: 'track',
          userId: 'u1',
          event: 'signed_up',
          properties: { platform: 'web' },
          timestamp: '2026-01-30T10:00:00Z',
        },
        { type: 'alias', previousId: 'a2', userId: 'u1' },
        { type: 'screen', userId: 'u1', name: 'Home' },
      ],
    });
    expect(writeKey).toBe('key-in-body');
    expect(records.map((r) => (r.kind === 'link' ? r : { ...r, attributes: { ...r.attributes } }))).toEqual([
      {
        kind: 'event',
        name: 'page_viewed',
        attributes: { name: 'Pricing', page: 'pricing', 'anonymous.id': 'a1' },
        timestampMs: now,
        traceId: undefined,
        spanId: undefined,
      },
      { kind: 'link', anonymousId: 'a1', userId: 'u1' },
      {
        kind: 'event',
        name: 'signed_up',
        attributes: { platform: 'web', 'user.id': 'u1' },
        timestampMs: Date.UTC(2026, 0, 30, 10),
        traceId: undefined,
        spanId: undefined,
      },
      { kind: 'link', anonymousId: 'a2', userId: 'u1' },
    ]);
  });

  it('refuses what Segment refuses, naming the call', () => {
    expect(refusalOf('track', { userId: 'u', event: 'e', properties: { note: 'x'.repeat(33 * 1024) } })).toMatch(
      /^invalid: .*32 KB/
    );
    expect(refusalOf('batch', { batch: [{ type: 'track', event: 'e', userId: 'u', properties: 'no' }] })).toMatch(
      /^invalid: batch\[0\]\.properties must be an object/
    );
    expect(refusalOf('batch', { batch: [{ type: 'purchase' }] })).toMatch(/^invalid: batch\[0\]\.type "purchase"/);
    expect(refusalOf('batch', { batch: {} })).toMatch(/needs a "batch" array/);
    expect(refusalOf('track', { userId: 'u', event: 'e', timestamp: 'yesterday' })).toMatch(
      /timestamp must be an ISO 8601/
    );
    expect(refusalOf('track', [])).toMatch(/must be a JSON object/);
  });
});
