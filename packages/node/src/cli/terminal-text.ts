// Whatever the Vidgo API (or someone between it and us) sends is data, not trust: a task id,
// status, error message or file URL may carry escape sequences that, printed raw, would clear
// the screen, move the cursor over earlier output, rewrite the clipboard (OSC 52), set a
// hyperlink or the window title, or reorder text with bidi overrides so it reads as something
// else. Every server string the CLI prints goes through here; the CLI's own codes (the progress
// bar's redraw) are written around the cleaned text, never inside it.

/** Longer server text than this is cut: a multi-megabyte "error message" floods no terminal. */
export const MAX_TERMINAL_TEXT = 4096;

// C0 (ESC, BEL, \r, \b…), DEL and C1 (U+0080–U+009F: 8-bit CSI and OSC among them), format
// characters (bidi embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069, marks,
// zero-width characters, BOM, tag characters), line and paragraph separators, lone surrogates.
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;
// Line breaks and tabs mean layout, not mischief: one space keeps a multi-line message readable.
const WHITESPACE = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;

/** `\u001b`, `\u202e`, `\u{e0041}`: the character named, visible, inert. */
const escapeCharacter = (character: string) => {
  const codePoint = character.codePointAt(0)!;
  return codePoint > 0xffff ? `\\u{${codePoint.toString(16)}}` : `\\u${codePoint.toString(16).padStart(4, '0')}`;
};

/**
 * `value` as one safe line of terminal text: line breaks and tabs become a space; every other
 * control, escape, format or bidi character becomes its visible `\uXXXX` form (so `\x1b[2J`
 * prints as the six characters `\u001b[2J`); more than `maxLength` characters are cut.
 */
export function terminalText(value: unknown, maxLength = MAX_TERMINAL_TEXT): string {
  let text = typeof value === 'string' ? value : String(value);
  if (text.length > maxLength) {
    // Not between the halves of a surrogate pair.
    const end = /[\ud800-\udbff]/.test(text.charAt(maxLength - 1)) ? maxLength - 1 : maxLength;
    text = `${text.slice(0, end)}… (${text.length - end} more characters)`;
  }
  return text.replace(WHITESPACE, ' ').replace(UNSAFE, escapeCharacter).trim();
}

/**
 * `JSON.stringify(value)` that is also safe on a terminal. JSON already escapes C0 controls, but
 * not DEL, C1 or format characters: those get `\uXXXX` escapes too, which is still the same JSON
 * (they can only occur inside strings). Not cut: `--json` output is for programs.
 */
export function terminalJson(value: unknown): string {
  return JSON.stringify(value).replace(UNSAFE, (character) =>
    Array.from(
      { length: character.length },
      (_, index) => `\\u${character.charCodeAt(index).toString(16).padStart(4, '0')}`,
    ).join(''),
  );
}

/** True when `text` holds a character that `terminalText` would have escaped (for tests and assertions). */
export function hasUnsafeCharacters(text: string): boolean {
  return new RegExp(UNSAFE.source, 'u').test(text);
}
