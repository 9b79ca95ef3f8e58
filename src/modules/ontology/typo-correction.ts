// Typo tolerance: a query that matches nothing is retried with each word that starts no known word
// replaced by the nearest known word: candidates by trigram similarity (an index finds them), the
// winner by edit distance, since trigrams alone prefer "hypotony" to "hypotonia" for "hypotonai".

export interface Vocabulary {
  /** True when some known word starts with `word`. */
  isKnownPrefix(word: string): Promise<boolean>;
  /** Known words similar to `word`, most similar first. */
  similarWords(word: string): Promise<string[]>;
}

/** Words shorter than this are left alone: too few trigrams to say what was meant. */
const MIN_WORD_LENGTH = 3;

/** A longer query is not corrected: each word costs lookups, and a long phrase that matches nothing is rarely one typo. */
const MAX_WORDS = 4;

/** Edit distance counting an adjacent transposition as one edit (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/** The candidate with the fewest edits; the more similar one (earlier) on a tie. */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  return best?.candidate;
}

/**
 * The corrected query, or undefined when no word needed (or found) a correction. It is asked only after
 * the query as typed matched nothing, so a single word needs no check that it starts a known word: were it
 * a known word, its nearest word is itself, and nothing changes.
 */
export async function correctTypos(query: string, vocabulary: Vocabulary): Promise<string | undefined> {
  let changed = false;
  const corrected: string[] = [];
  const words = query.split(' ');
  if (words.length > MAX_WORDS) return undefined;
  for (const word of words) {
    const unknown = word.length >= MIN_WORD_LENGTH && (words.length === 1 || !(await vocabulary.isKnownPrefix(word)));
    const replacement = unknown ? nearest(word, await vocabulary.similarWords(word)) : undefined;
    if (replacement !== undefined && replacement !== word) changed = true;
    corrected.push(replacement ?? word);
  }
  return changed ? corrected.join(' ') : undefined;
}
