import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@nowcast/test-support';
import { manualClock } from '../../testing/fixtures';
import { credentialOf } from './credentials';
import { TokenSet, tokenFileCheckMs } from './tokenSet';

describe('credentials', () => {
  it('reads bearer tokens and the user of basic auth (Segment write keys), case-insensitively', () => {
    expect(credentialOf('Bearer abc')).toBe('abc');
    expect(credentialOf('bearer abc')).toBe('abc');
    expect(credentialOf(`Basic ${Buffer.from('write-key:').toString('base64')}`)).toBe('write-key');
    expect(credentialOf(`BASIC ${Buffer.from('write-key').toString('base64')}`)).toBe('write-key');
    expect(credentialOf(`Basic ${Buffer.from(':password').toString('base64')}`)).toBeUndefined();
    expect(credentialOf('Digest x')).toBeUndefined();
    expect(credentialOf('Bearer')).toBeUndefined();
    expect(credentialOf(undefined)).toBeUndefined();
  });
});

describe('token sets', () => {
  it('is open without tokens and accepts only listed ones with them', () => {
    expect(new TokenSet({}).enabled).toBe(false);
    const set = new TokenSet({ tokens: ['a', 'b'] });
    expect(set.enabled).toBe(true);
    expect([set.accepts('a'), set.accepts('b'), set.accepts('c'), set.accepts(undefined)]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it('re-reads a rotated file at most once a second, without a restart', async () => {
    const dir = tempDir('nowcast-token-set');
    const file = join(dir.path, 'tokens');
    try {
      writeFileSync(file, '# comment\nold\n\n');
      const clock = manualClock();
      const set = new TokenSet({ file }, clock);
      expect(set.accepts('old')).toBe(true);
      writeFileSync(file, 'new\n');
      expect(set.accepts('new')).toBe(false);
      clock.advance(tokenFileCheckMs);
      set.accepts('new');
      for (let i = 0; i < 50 && !set.accepts('new'); i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(set.accepts('new')).toBe(true);
      expect(set.accepts('old')).toBe(false);
    } finally {
      dir.remove();
    }
  });

  it('fails at start when the file cannot be read', () => {
    expect(() => new TokenSet({ file: '/nonexistent/nowcast-tokens' })).toThrow(/ENOENT/);
  });
});
