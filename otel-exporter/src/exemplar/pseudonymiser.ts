import { createHmac, randomBytes } from 'node:crypto';
import type { UserIdInExemplars } from '../spec/model';

/** Distinct ids kept hashed between scrapes; past it the cache starts over (hashing is cheap, scrapes are rare). */
const cacheLimit = 50_000;

/** Hex characters kept from the HMAC: 64 bits, collision-free enough to follow one user in a live feed. */
const hashLength = 16;

/**
 * Turns user ids into what exemplars carry: HMAC-SHA256 (truncated) under a secret key, the id as
 * sent, or nothing. Runs at scrape time with a cache, never on the event path.
 */
export class UserIdPseudonymiser {
  private readonly cache = new Map<string, string>();

  constructor(
    readonly policy: UserIdInExemplars,
    private readonly key: string | Buffer
  ) {}

  /** The key in order: the explicit option, the spec's `exemplars.keyEnv` variable, else random per process. */
  static keyFrom(option: string | undefined, keyEnv: string, env: NodeJS.ProcessEnv = process.env): string | Buffer {
    const fromEnv = env[keyEnv];
    if (option !== undefined && option !== '') return option;
    if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
    // Without a shared key, pseudonyms differ between replicas and restarts; still never the raw id.
    return randomBytes(32);
  }

  pseudonym(userId: string): string | undefined {
    switch (this.policy) {
      case 'omit':
        return undefined;
      case 'plain':
        return userId;
      case 'hashed': {
        let hashed = this.cache.get(userId);
        if (hashed === undefined) {
          if (this.cache.size >= cacheLimit) this.cache.clear();
          hashed = createHmac('sha256', this.key).update(userId).digest('hex').slice(0, hashLength);
          this.cache.set(userId, hashed);
        }
        return hashed;
      }
    }
  }
}
