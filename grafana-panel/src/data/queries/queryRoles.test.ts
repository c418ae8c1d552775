import { checkRoles } from './queryRoles';

describe('checkRoles', () => {
  it('names queries without a part, parts naming missing queries, and queries given two parts', () => {
    const check = checkRoles(
      [
        { name: 'steps', refIds: ['A'] },
        { name: 'baseline', refIds: ['A'] },
        { name: 'median', refIds: ['Q'] },
      ],
      ['A', 'B', 'C'],
      'Funnel queries'
    );
    expect(check.notices.map((notice) => notice.text)).toEqual([
      'Query A is chosen as both steps and baseline; it is read as steps only.',
      'The median is set to query Q, which this panel does not have (its queries: A, B, C).',
      'Query B, C have no part and are not drawn: choose their part under “Funnel queries” in the panel options.',
    ]);
    expect([...check.claimedTwice]).toEqual(['A']);
  });

  it('has nothing to say when every query has exactly one part', () => {
    expect(checkRoles([{ name: 'steps', refIds: ['A', 'B'] }], ['A', 'B'], 'Funnel queries').notices).toEqual([]);
  });
});
