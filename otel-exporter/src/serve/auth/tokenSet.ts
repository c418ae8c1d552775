import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';

/** Where accepted tokens come from: a list (e.g. from an environment variable) and/or a file. */
export interface TokenSource {
  readonly tokens?: readonly string[];
  /** One token a line; blank lines and `#` comments are skipped. Re-read when it changes. */
  readonly file?: string;
}

/** How often a token file is checked for a change (a rotation takes effect within this). */
export const tokenFileCheckMs = 1000;

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function tokensInFile(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/**
 * The tokens a guarded route accepts. Several may be valid at once (rotate by adding the new one,
 * moving clients, then removing the old one). Tokens are compared by their SHA-256 digest, so the
 * time a check takes does not reveal how much of a guess was right.
 */
export class TokenSet {
  private fromList: Set<string>;
  private fromFile = new Set<string>();
  private fileVersion = '';
  private checkedAtMs = 0;
  private checking = false;

  constructor(
    private readonly source: TokenSource,
    private readonly clock: () => number = Date.now
  ) {
    this.fromList = new Set((source.tokens ?? []).filter((t) => t !== '').map(digest));
    if (source.file !== undefined) {
      // Read once now, synchronously: a missing file stops the service at start, not at the first request.
      this.fromFile = new Set(tokensInFile(readFileSync(source.file, 'utf8')).map(digest));
      this.checkedAtMs = this.clock();
    }
  }

  /** Whether this route is guarded at all (no tokens configured: open, for loopback use). */
  get enabled(): boolean {
    return this.source.file !== undefined || (this.source.tokens?.length ?? 0) > 0;
  }

  accepts(credential: string | undefined): boolean {
    this.maybeReload();
    if (credential === undefined) return false;
    const hashed = digest(credential);
    return this.fromList.has(hashed) || this.fromFile.has(hashed);
  }

  /** Re-reads the file in the background when its size, time or inode changed. */
  private maybeReload(): void {
    const file = this.source.file;
    const now = this.clock();
    if (file === undefined || this.checking || now - this.checkedAtMs < tokenFileCheckMs) return;
    this.checking = true;
    this.checkedAtMs = now;
    stat(file)
      .then(async (info) => {
        const version = `${info.ino}:${info.size}:${info.mtimeMs}`;
        if (version === this.fileVersion) return;
        const tokens = tokensInFile(await readFile(file, 'utf8'));
        this.fromFile = new Set(tokens.map(digest));
        this.fileVersion = version;
      })
      // A file that vanished mid-rotation keeps the last tokens until it is back.
      .catch(() => undefined)
      .finally(() => {
        this.checking = false;
      });
  }
}
