/**
 * Reads a spec or a policy document as the editor that saved it meant it: UTF-8 with or
 * without a byte-order mark (Windows Notepad writes one), UTF-16 with a byte-order mark
 * (PowerShell's `>` and `Out-File` write UTF-16 LE), and Windows (CRLF), classic Mac (CR) or
 * Unix (LF) line endings, which all become LF so lines and columns match what the editor
 * shows. Anything else is refused with the place of the first byte that is not text, rather
 * than guessed at: a file in a legacy code page would otherwise be read with wrong characters,
 * and a byte sequence that encodes no character (invalid UTF-8, a lone UTF-16 surrogate) would
 * silently become U+FFFD.
 */
import * as fs from 'fs';
import { INPUT_LIMITS } from './input-limits';

/** A file's text, or why it is not text this tool can read (with a 1-based line and column where one byte is at fault). */
export type TextFileResult =
  | { readonly ok: true; readonly text: string }
  | {
      readonly ok: false;
      /** Reads after the file's name: "not found", "is not UTF-8 (…); save it as UTF-8". */
      readonly message: string;
      /** The file does not exist. */
      readonly missing?: boolean;
      readonly line?: number;
      readonly column?: number;
    };

/** Reads `file` and decodes it; never throws for a file that is missing, unreadable or not text. */
export function readTextFile(file: string): TextFileResult {
  let bytes: Buffer;
  try {
    const stats = fs.statSync(file);
    if (stats.isDirectory()) return { ok: false, message: 'is a folder, not a file' };
    // A device or pipe (/dev/zero, /dev/stdin) could be read forever.
    if (!stats.isFile()) return { ok: false, message: 'is not a regular file (a device, pipe or socket)' };
    const size = stats.size;
    if (size > INPUT_LIMITS.fileBytes) {
      return { ok: false, message: `is ${formatMiB(size)}; at most ${formatMiB(INPUT_LIMITS.fileBytes)} is read` };
    }
    bytes = fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? 'not found' : `cannot be read (${code ?? String(error)})`;
    return { ok: false, message, missing: code === 'ENOENT' };
  }
  return decodeText(bytes);
}

/** Decodes file bytes by their byte-order mark (UTF-8 without one) and normalizes line endings to LF. */
export function decodeText(bytes: Uint8Array): TextFileResult {
  const decoded = decodeByBom(bytes);
  if (!decoded.ok) return decoded;
  return { ok: true, text: decoded.text.replace(/\r\n?/g, '\n') };
}

function decodeByBom(bytes: Uint8Array): TextFileResult {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return decodeUtf8(bytes.subarray(3));
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00]) || startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) {
    return { ok: false, message: 'is UTF-32, which this tool does not read; save it as UTF-8' };
  }
  if (startsWith(bytes, [0xff, 0xfe])) return decodeUtf16(bytes.subarray(2), 'le');
  if (startsWith(bytes, [0xfe, 0xff])) return decodeUtf16(bytes.subarray(2), 'be');
  return decodeUtf8(bytes);
}

/** Decodes UTF-16 (after its byte-order mark), refusing a lone surrogate or a trailing odd byte instead of reading it as U+FFFD. */
function decodeUtf16(bytes: Uint8Array, order: 'le' | 'be'): TextFileResult {
  const encoding = `utf-16${order}`;
  try {
    return { ok: true, text: new TextDecoder(encoding, { fatal: true }).decode(bytes) };
  } catch {
    const offset = firstInvalidUtf16(bytes, order);
    const valid = new TextDecoder(encoding).decode(bytes.subarray(0, offset));
    const what =
      offset + 1 >= bytes.length
        ? 'it ends in the middle of a character: an odd number of bytes'
        : `the 16-bit unit 0x${unitAt(bytes, offset, order).toString(16)} is half of a surrogate pair without its other half, so it encodes no character`;
    return { ok: false, message: `is not valid UTF-16 (${what}); save it as UTF-8`, ...positionOf(valid, valid.length) };
  }
}

/** The byte offset of the first 16-bit unit that begins no well-formed UTF-16 character (only called when decoding failed). */
function firstInvalidUtf16(bytes: Uint8Array, order: 'le' | 'be'): number {
  for (let offset = 0; offset + 1 < bytes.length; offset += 2) {
    const unit = unitAt(bytes, offset, order);
    if (unit >= 0xdc00 && unit <= 0xdfff) return offset;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = offset + 3 < bytes.length ? unitAt(bytes, offset + 2, order) : -1;
      if (next < 0xdc00 || next > 0xdfff) return offset;
      offset += 2;
    }
  }
  return bytes.length - 1;
}

function unitAt(bytes: Uint8Array, offset: number, order: 'le' | 'be'): number {
  return order === 'le' ? bytes[offset] | (bytes[offset + 1] << 8) : (bytes[offset] << 8) | bytes[offset + 1];
}

function decodeUtf8(bytes: Uint8Array): TextFileResult {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    const nul = text.indexOf('\0');
    if (nul === -1) return { ok: true, text };
    return {
      ok: false,
      message: 'holds a NUL character, as UTF-16 without a byte-order mark does; save it as UTF-8',
      ...positionOf(text, nul),
    };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const valid = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
    return {
      ok: false,
      message: `is not UTF-8 (byte 0x${bytes[offset].toString(16).padStart(2, '0')} starts no UTF-8 character; a legacy code page such as Windows-1252 or Latin-1 writes such bytes); save it as UTF-8`,
      ...positionOf(valid, valid.length),
    };
  }
}

/** The offset of the first byte that does not begin a well-formed UTF-8 character (only called when decoding failed). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let offset = 0; offset < bytes.length;) {
    const lead = bytes[offset];
    const length = lead < 0x80 ? 1 : lead >> 5 === 0b110 ? 2 : lead >> 4 === 0b1110 ? 3 : lead >> 3 === 0b11110 ? 4 : 0;
    if (length === 0) return offset;
    try {
      decoder.decode(bytes.subarray(offset, offset + length));
    } catch {
      return offset;
    }
    offset += length;
  }
  return bytes.length - 1;
}

/** 1-based line and column of a character offset in LF-, CRLF- or CR-separated text. */
function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).replace(/\r\n?/g, '\n');
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: before.length - lineStart + 1 };
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

function formatMiB(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(bytes % 2 ** 20 ? 1 : 0)} MiB`;
}
