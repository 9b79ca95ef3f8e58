/**
 * The one normalisation of names and queries for search: lower case, accents removed, every run of
 * punctuation or spacing one space. "Tonic-clonic" and "tonic clonic", "Folie à deux" and "folie a deux"
 * then match the same way in the trigram and pattern indexes. Import and query must use this same function.
 */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

