/**
 * Payload sizes as Excel on the web counts them: the UTF-8 bytes of the JSON that crosses the wire. A CJK
 * character is one UTF-16 unit in `JSON.stringify(...).length` but three bytes on the wire, an emoji two units
 * and four bytes, so character counts undercount Japanese or Chinese account names threefold.
 */

/** Excel on the web rejects a request or response over 5 MB (office-js #4654; "5 MB" read as 5 × 2^20 bytes). */
export const WEB_PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

/** UTF-8 length of a JavaScript string without encoding it (lone surrogates count 3 bytes, as U+FFFD). */
export function utf8Length(s: string): number {
  let bytes = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) bytes += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2; // the pair is 2 units and 4 bytes
      i++;
    } else bytes += 2;
  }
  return bytes;
}

/** UTF-8 bytes of `JSON.stringify(v)`. */
export function jsonBytes(v: unknown): number {
  return utf8Length(JSON.stringify(v) ?? "null");
}
