// The language check: finds closed or clinical wording that the language guidance
// names (each pair's `flag` list in data/language.yml) and offers its open alternatives.

const escape = (term) => term.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&").replace(/\s+/g, "\\s+");
// How a found phrase is looked up: the regex ignores case and the width of spaces.
const key = (phrase) => phrase.toLowerCase().replace(/\s+/g, " ");

export class LanguageCheck {
  constructor(pairs) {
    // Longest first, so that where two terms overlap the longer one is found.
    const terms = pairs.flatMap((pair) => pair.flag.map((term) => ({ term, pair })))
      .sort((a, b) => b.term.length - a.term.length);
    // A term two pairs both name is the first pair's.
    this.pairs = new Map(terms.map(({ term, pair }) => [key(term), pair]).reverse());
    // One pattern for every term: the builder checks each field as it is typed in, and
    // a pattern per term would scan the text once per term. Whole words only:
    // "compliant" inside "non-compliant" is the longer term's match.
    this.regex = terms.length ? new RegExp(
      `(?<![\\p{L}\\p{N}'’-])(?:${terms.map(({ term }) => escape(term)).join("|")})(?![\\p{L}\\p{N}-])`, "giu") : null;
  }

  // Every flagged phrase in the text, in text order, none overlapping.
  find(text) {
    if (!this.regex) return [];
    return [...String(text).matchAll(this.regex)].map((match) => ({
      pair: this.pairs.get(key(match[0])), phrase: match[0], start: match.index, end: match.index + match[0].length,
    }));
  }
}
