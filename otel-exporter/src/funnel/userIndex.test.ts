import fc from 'fast-check';
import { UserIndex } from './userIndex';

describe('user index', () => {
  it('finds every user a Map would, through inserts, deletes (backward shifts) and growth', () => {
    const operation = fc.record({
      user: fc.integer({ min: 0, max: 300 }).map((n) => `user-${n}`),
      remove: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 400 }), (operations) => {
        const index = new UserIndex();
        const model = new Map<string, number>();
        const freeSlots: number[] = [];
        let nextSlot = 0;
        for (const { user, remove } of operations) {
          const slot = model.get(user);
          if (remove && slot !== undefined) {
            index.delete(slot);
            model.delete(user);
            freeSlots.push(slot);
          } else if (!remove && slot === undefined) {
            const taken = freeSlots.pop() ?? nextSlot++;
            index.set(user, taken);
            model.set(user, taken);
          }
          expect(index.size).toBe(model.size);
        }
        for (let n = 0; n <= 300; n++) expect(index.get(`user-${n}`)).toBe(model.get(`user-${n}`) ?? -1);
        for (const [user, slot] of model) expect(index.userOf(slot)).toBe(user);
      }),
      { numRuns: 200 }
    );
  });
});
