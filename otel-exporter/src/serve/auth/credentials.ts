/**
 * The credential a request presents: a bearer token (`Authorization: Bearer <token>`, OTLP
 * exporters' `headers`), or the user of HTTP basic auth, which is how Segment's libraries send the
 * write key (`Basic base64("<writeKey>:")`). Scheme names are case-insensitive (RFC 9110 §11.1).
 */
export function credentialOf(authorization: string | undefined): string | undefined {
  if (authorization === undefined) return undefined;
  const match = /^\s*(\S+)\s+(\S+)\s*$/.exec(authorization);
  if (match === null) return undefined;
  const [, scheme = '', value = ''] = match;
  switch (scheme.toLowerCase()) {
    case 'bearer':
      return value;
    case 'basic': {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const user = colon === -1 ? decoded : decoded.slice(0, colon);
      return user === '' ? undefined : user;
    }
    default:
      return undefined;
  }
}
