/** What one exporter can hold; validation refuses a spec beyond it, so the exporter never has to. */

/**
 * Series keys pack one value index per property into a mixed-radix integer; keys stay exact
 * (no two label tuples share one) while the product of each property's maxValues + 2 (its values,
 * `__other__` and the empty value) is within 2^52.
 */
export const maxEventKeySpace = 2 ** 52;

/**
 * HyperLogLog registers (scopes × windows × 2^precision): each register is one exported series,
 * zeros included, scraped every interval, and they sit outside the series budget.
 */
export const maxActiveUserRegisters = 65_536;
