import { exemplarText, exemplarLabelLimit } from './exemplarText';
import { UserIdPseudonymiser } from './pseudonymiser';

const plain = new UserIdPseudonymiser('plain', 'k');

function userIdOf(text: string | undefined): string {
  const match = /user_id="((?:[^"\\]|\\.)*)"/u.exec(text ?? '');
  return match?.[1] ?? '';
}

/** A lone surrogate: half of a pair left behind by a cut in UTF-16 units. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

describe('exemplar text', () => {
  it('cuts a long plain user id between characters, never inside a surrogate pair', () => {
    // 'ab' then astral characters: a cut by UTF-16 units at an odd length splits a pair.
    for (const id of [`ab${'😀'.repeat(200)}`, `a${'😀'.repeat(200)}`, `${'😀'.repeat(200)}`]) {
      const cut = userIdOf(
        exemplarText({ userId: id, traceId: undefined, spanId: undefined, value: 1, timestampMs: 1 }, plain)
      );
      expect(cut).not.toMatch(loneSurrogate);
      expect(id.startsWith(cut)).toBe(true);
      // OpenMetrics counts the limit in code points, label names included.
      expect([...cut].length + 'user_id'.length).toBe(exemplarLabelLimit);
    }
  });
});
