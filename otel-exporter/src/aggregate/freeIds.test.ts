import { FreeIds } from './freeIds';

describe('free ids', () => {
  it('gives back the id freed last, then the ones before, then -1', () => {
    const free = new FreeIds();
    expect(free.pop()).toBe(-1);
    free.grow(3);
    free.push(0);
    free.push(2);
    expect(free.pop()).toBe(2);
    free.push(1);
    expect(free.pop()).toBe(1);
    expect(free.pop()).toBe(0);
    expect(free.pop()).toBe(-1);
  });

  it('keeps what was freed while growing for new ids', () => {
    const free = new FreeIds();
    free.grow(1);
    free.push(0);
    free.grow(1000);
    free.push(999);
    expect([free.pop(), free.pop(), free.pop()]).toEqual([999, 0, -1]);
  });
});
