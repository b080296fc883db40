// Writing CSV files: the role inventory's files for facilitators and the answers every
// tool saves for people to open in a spreadsheet.

// A cell a spreadsheet would run as a formula is written with a leading ' (OWASP, "CSV
// Injection"), as scripts/inventory.py does; rows end in CRLF, as RFC 4180 has them.
const FORMULA_START = /^[=+\-@\t\r]/;
const csvField = (value) => {
  const text = String(value);
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export const toCsv = (rows) => rows.map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";

// A file for people: the byte order mark makes Excel read it as UTF-8, not as the
// computer's legacy code page (which garbles accents and dashes).
export const readableCsv = (rows) => new Blob(["\ufeff", toCsv(rows)], { type: "text/csv;charset=utf-8" });
