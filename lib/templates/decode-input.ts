import type { ImportIssue } from "./import-error";

export const MAX_TEMPLATE_BYTES = 512 * 1024;

export type DecodedInput = {
  text: string;
  issues: ImportIssue[];
  /** Set when the text cannot be parsed at all (too big, or not text). */
  fatal: boolean;
};

export function decodeTemplateInput(input: string | Uint8Array): DecodedInput {
  const issues: ImportIssue[] = [];
  const byteLength = typeof input === "string" ? utf8Length(input) : input.byteLength;
  if (byteLength > MAX_TEMPLATE_BYTES) {
    issues.push({
      line: null,
      message: `the template is ${formatKiB(byteLength)}; the limit is ${formatKiB(MAX_TEMPLATE_BYTES)}`,
    });
    // Parsing a document this large is exactly what the limit is meant to avoid.
    return { text: "", issues, fatal: true };
  }

  let text: string;
  if (typeof input === "string") {
    text = input.startsWith("\uFEFF") ? input.slice(1) : input;
  } else {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(input);
    } catch {
      const offset = firstInvalidUtf8Byte(input);
      issues.push({
        line: offset === -1 ? null : lineOfByte(input, offset),
        message: "the template is not valid UTF-8 text",
      });
      return { text: "", issues, fatal: true };
    }
  }

  const nul = text.indexOf("\u0000");
  if (nul !== -1) {
    issues.push({ line: lineOfIndex(text, nul), message: "the template contains a NUL character" });
  }
  return { text, issues, fatal: false };
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).byteLength;
}

function formatKiB(bytes: number): string {
  return `${Math.ceil(bytes / 1024)} KiB`;
}

function lineOfIndex(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 0x0a) line++;
  return line;
}

function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/**
 * TextDecoder only says "invalid"; authors need to know where. This follows the
 * well-formed byte sequences of Unicode 15 table 3-7 and returns the offset of the
 * lead byte of the first sequence that breaks them, or -1.
 */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      const min = k === 1 ? lo : 0x80;
      const max = k === 1 ? hi : 0xbf;
      if (c === undefined || c < min || c > max) return i;
    }
    i += need + 1;
  }
  return -1;
}
