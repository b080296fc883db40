// Answers files: the export for importing later, and reading a file a reader imports.
// Loaded on the first export or import (answers-toolbar.js), with the rules that check
// an import.
import * as check from "./answers-check.js";
import { FORMAT, ImportRefused, edition } from "./handbook-store.js";

const MAX_IMPORT_BYTES = 256 * 1024;

// Read an exported file; throw ImportRefused with a reader-facing reason if it is not
// an answers file for this tool whose answers rule(check) allows on this page. The
// caller changes nothing until it passes.
export async function readImport(file, tool, rule) {
  const nothingChanged = "Your saved answers have not been changed.";
  if (file.size > MAX_IMPORT_BYTES) {
    throw new ImportRefused(`This file is too large (${Math.round(file.size / 1024)} KB) to be an answers file from this handbook. ${nothingChanged}`);
  }
  let record;
  try {
    record = JSON.parse(await file.text());
  } catch {
    throw new ImportRefused(`This file could not be read: it is not an answers file exported from this handbook. ${nothingChanged}`);
  }
  if (typeof record !== "object" || record === null || record.format !== FORMAT || !("answers" in record)) {
    throw new ImportRefused(`This file is not an answers file exported from this handbook. ${nothingChanged}`);
  }
  if (record.tool !== tool) {
    const named = typeof record.tool === "string" ? `("${record.tool.slice(0, 60)}")` : "(unnamed)";
    throw new ImportRefused(`This file holds answers for another tool ${named}, not this one. ${nothingChanged}`);
  }
  const problem = rule(check)(record.answers, "");
  if (problem) throw new ImportRefused(`This file was not imported: ${problem}. ${nothingChanged}`);
  return record.answers;
}

export function answersFile(tool, answers) {
  const record = { format: FORMAT, tool, edition: edition(), saved: new Date().toISOString(), answers };
  return new Blob([JSON.stringify(record, null, 2)], { type: "application/json" });
}

