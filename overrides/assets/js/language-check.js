// The language check: finds closed or clinical wording that the language guidance
// names (each pair's `flag` list in data/language.yml) and offers its open alternatives.

function pattern(term) {
  const escaped = term.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&").replace(/\s+/g, "\\s+");
  // Whole words only: "compliant" inside "non-compliant" is the longer term's match.
  return new RegExp(`(?<![\\p{L}\\p{N}'’-])${escaped}(?![\\p{L}\\p{N}-])`, "giu");
}

export class LanguageCheck {
  constructor(pairs) {
    this.terms = pairs.flatMap((pair) => pair.flag.map((term) => ({ term, pair, regex: pattern(term) })));
  }

  // Every flagged phrase in the text, longest first where two overlap, in text order.
  find(text) {
    const found = [];
    for (const { pair, regex } of this.terms) {
      for (const match of String(text).matchAll(regex)) {
        found.push({ pair, phrase: match[0], start: match.index, end: match.index + match[0].length });
      }
    }
    found.sort((a, b) => a.start - b.start || b.end - a.end);
    const kept = [];
    for (const hit of found) if (!kept.length || hit.start >= kept[kept.length - 1].end) kept.push(hit);
    return kept;
  }
}
