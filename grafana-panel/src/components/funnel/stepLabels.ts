/**
 * Step names that fit their column: whole, wrapped at the separators of snake_case and
 * kebab-case names onto at most `maxLines` lines, when they fit; else abbreviated word by word
 * ("pr_ad_to_ca" for "product_added_to_cart"), as long as fits, and always distinct from the
 * other steps' labels. The full name stays in the label's tooltip.
 */

export interface StepLabel {
  /** The text shown, with its break opportunities. */
  readonly text: string;
  readonly full: string;
  readonly abbreviated: boolean;
}

/** Words of a name, each keeping the separator after it ("product_", "added_", "to_", "cart"). */
export function wordsOf(name: string): string[] {
  return name.match(/[^_\-.\s]+[_\-.\s]*|[_\-.\s]+/g) ?? [name];
}

/** Lines a run of words takes when wrapped at `width`, or Infinity when a word alone is wider. */
function linesNeeded(words: readonly string[], width: number, measure: (text: string) => number): number {
  let lines = 1;
  let line = '';
  for (const word of words) {
    if (measure(word.trimEnd()) > width) {
      return Infinity;
    }
    const candidate = line + word;
    if (line !== '' && measure(candidate.trimEnd()) > width) {
      lines++;
      line = word;
    } else {
      line = candidate;
    }
  }
  return lines;
}

function abbreviate(words: readonly string[], keep: number): string {
  return words.map((word) => word.replace(/^([^_\-.\s]+)/, (letters) => letters.slice(0, keep))).join('');
}

export function fitStepLabels(
  names: readonly string[],
  width: number,
  maxLines: number,
  measure: (text: string) => number
): StepLabel[] {
  const fits = (text: string) => linesNeeded(wordsOf(text), width, measure) <= maxLines;
  const labels = names.map((full): StepLabel => {
    if (fits(full)) {
      return { text: full, full, abbreviated: false };
    }
    const words = wordsOf(full);
    const longest = Math.max(...words.map((word) => word.length));
    for (let keep = longest - 1; keep >= 1; keep--) {
      const text = abbreviate(words, keep);
      if (fits(text)) {
        return { text, full, abbreviated: true };
      }
    }
    return { text: abbreviate(words, 1), full, abbreviated: true };
  });
  // Two names cut to the same letters: number them, so each label names one step.
  const seen = new Map<string, number>();
  labels.forEach((label) => seen.set(label.text, (seen.get(label.text) ?? 0) + 1));
  return labels.map((label, position) =>
    (seen.get(label.text) ?? 0) > 1 ? { ...label, text: `${position + 1}·${label.text}`, abbreviated: true } : label
  );
}
