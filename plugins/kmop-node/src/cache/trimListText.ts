/**
 * The text of a list page without the two fields {@link trimObject} drops from each object,
 * cut out before `JSON.parse` so they are never built: `metadata.managedFields` and kubectl's
 * `last-applied-configuration` annotation (a copy of the whole applied object) are most of
 * an object applied with `kubectl apply` or Argo CD, and parsing them took a 2-second cold
 * sync to 2.6–3.3 s (issue #17).
 *
 * Only the API server's compact JSON is cut, where each field is recognised exactly: a
 * `"managedFields":[{"manager":` or `"kubectl.kubernetes.io/last-applied-configuration":"`
 * right after `{` or `,` is a key (inside a string, its quotes would be escaped). Anything
 * else — pretty-printed text, a value that does not end — is left as it is, so `JSON.parse`
 * reads it whole or says what is wrong with it, and `trimObject` still drops the fields.
 */
export function trimListText(text: string): string {
  let pieces: string[] | undefined;
  let copied = 0;
  let managed = text.indexOf(MANAGED);
  let applied = text.indexOf(APPLIED);
  while (managed >= 0 || applied >= 0) {
    const isManaged = applied < 0 || (managed >= 0 && managed < applied);
    const start = isManaged ? managed : applied;
    const end = isManaged
      ? skipArray(text, start + MANAGED_VALUE_AT)
      : skipString(text, start + APPLIED_VALUE_AT);
    if (end < 0) return text;
    const before = text.charCodeAt(start - 1);
    let next = start + 1;
    if (before === COMMA || before === OPEN_BRACE) {
      let cutFrom = start;
      let cutTo = end;
      if (before === COMMA) cutFrom = start - 1;
      else if (text.charCodeAt(end) === COMMA) cutTo = end + 1;
      (pieces ??= []).push(text.slice(copied, cutFrom));
      copied = cutTo;
      next = cutTo;
    }
    if (managed >= 0 && managed < next) managed = text.indexOf(MANAGED, next);
    if (applied >= 0 && applied < next) applied = text.indexOf(APPLIED, next);
  }
  if (!pieces) return text;
  pieces.push(text.slice(copied));
  return pieces.join('');
}

const MANAGED = '"managedFields":[{"manager":';
const MANAGED_VALUE_AT = '"managedFields":'.length;
const APPLIED = '"kubectl.kubernetes.io/last-applied-configuration":"';
const APPLIED_VALUE_AT = APPLIED.length - 1;

const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The index after the string that opens at `at` (a quote), or -1 if it does not end. */
function skipString(text: string, at: number): number {
  let quote = at;
  for (;;) {
    quote = text.indexOf('"', quote + 1);
    if (quote < 0) return -1;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH)
      backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
  }
}

/** The index after the array that opens at `at` (a bracket), or -1 if it does not end. */
function skipArray(text: string, at: number): number {
  let depth = 0;
  let i = at;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = skipString(text, i);
      if (i < 0) return -1;
      continue;
    }
    if (c === OPEN_BRACKET || c === OPEN_BRACE) depth++;
    else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
  }
  return -1;
}
