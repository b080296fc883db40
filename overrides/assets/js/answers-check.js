// What an imported answers file may hold, checked against the page before anything
// changes: every id an item on this page, every value one the tool allows, every text
// short, nothing nested deeper than answers are. Each tool describes its answers with
// these rules, as a function of this module that readImport (answers-file.js) calls:
// the rules load only when a reader imports a file.
//
// A rule is (value, where) => null when the value is allowed, or the reason it is not,
// naming where it is (`item "x", choice`; "" for the whole file) and what is allowed.

const MAX_HASH = 100;
const MAX_ITEM_TEXT = 2000;

// A value as a reader can recognise it in a message, kept short.
function shown(value) {
  if (Array.isArray(value)) return "a list";
  if (value === null) return "null";
  if (typeof value === "object") return "a group of values";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}…` : value);
  return JSON.stringify(value);
}

const at = (where, name) => (where ? `${where}, ${name}` : name);
const prefix = (where) => (where ? `${where}: ` : "");

const isGroup = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
const has = (object, key) => Object.prototype.hasOwnProperty.call(object, key);

// One of a fixed list of values; `allowed` says which, for the message ("true or false").
export const oneOf = (values, allowed) => (value, where) =>
  (values.includes(value) ? null : `${prefix(where)}${shown(value)} is not ${allowed}`);

export const trueOrFalse = oneOf([true, false], "true or false");

export const text = (max) => (value, where) => {
  if (typeof value !== "string") return `${prefix(where)}${shown(value)} is not text`;
  return value.length > max ? `${prefix(where)}the text is longer than ${max} characters` : null;
};

export const optional = (rule) => Object.assign((value, where) => rule(value, where), { optional: true });

// A group holding only the named fields, each by its rule; fields not marked optional must be there.
export const fields = (spec) => (value, where) => {
  if (!isGroup(value)) return `${prefix(where)}${shown(value)} is not a group of answers`;
  for (const key of Object.keys(value)) {
    if (!has(spec, key)) return `${prefix(where)}${shown(key)} is not one of its fields (${Object.keys(spec).join(", ")})`;
  }
  for (const [name, rule] of Object.entries(spec)) {
    if (!has(value, name)) {
      if (rule.optional) continue;
      return `${prefix(where)}${name} is missing`;
    }
    const problem = rule(value[name], at(where, name));
    if (problem) return problem;
  }
  return null;
};

// A group whose keys are some of `keys` (named by `noun` in messages), each value by `rule`.
export const keyed = (keys, noun, rule) => (value, where) => {
  if (!isGroup(value)) return `${prefix(where)}${shown(value)} is not a group of answers by ${noun}`;
  for (const [key, answer] of Object.entries(value)) {
    if (!keys.includes(key)) return `${prefix(where)}${shown(key)} is not one of the ${noun}s ${keys.join(", ")}`;
    const problem = rule(answer, at(where, `${noun} ${key}`));
    if (problem) return problem;
  }
  return null;
};

// Answers by item: at least one, each for an item on this page (`ids`), each holding the
// tool's `spec` plus the fingerprint and text of the item it answers.
export const items = (ids, spec) => {
  const answer = fields({ ...spec, hash: optional(text(MAX_HASH)), text: optional(text(MAX_ITEM_TEXT)) });
  return (value, where) => {
    if ((Array.isArray(value) || isGroup(value)) && !Object.keys(value).length) return `${where || "the file"} holds no answers`;
    if (!isGroup(value)) return `${prefix(where)}${shown(value)} is not a group of answers by item`;
    for (const [id, entry] of Object.entries(value)) {
      if (!ids.has(id)) return `${at(where, `item ${shown(id)}`)} is not on this page`;
      const problem = answer(entry, at(where, `item "${id}"`));
      if (problem) return problem;
    }
    return null;
  };
};
