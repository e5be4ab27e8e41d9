/**
 * Customer-facing file facts the server decides itself: a file name safe to store and send to a mall,
 * and whether the bytes are what the name's extension claims (an .exe named .png, HTML named .pdf).
 */
import { extensionOf } from '../../shared/file-types.ts';

/**
 * The file's own name: no folders (some browsers send a path), no control characters and no
 * bidirectional controls (U+202E would show `gnp.exe` as `exe.png`), nothing invisible at the ends.
 */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return base.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '').trim();
}

const SIGNATURES: Record<string, readonly (readonly number[])[]> = {
  png: [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  jpg: [[0xff, 0xd8, 0xff]],
  jpeg: [[0xff, 0xd8, 0xff]],
  gif: [
    [0x47, 0x49, 0x46, 0x38, 0x37, 0x61], // GIF87a
    [0x47, 0x49, 0x46, 0x38, 0x39, 0x61], // GIF89a
  ],
  pdf: [[0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
};

/**
 * False when the name claims a type we know the signature of (PNG, JPEG, GIF, PDF) and the first
 * bytes are not it. Other extensions are refused by the mall rules, not here; an empty file is
 * reported as empty by the mall rules.
 */
export function bytesMatchName(name: string, head: Uint8Array): boolean {
  const signatures = SIGNATURES[extensionOf(name)];
  if (!signatures || head.byteLength === 0) return true;
  return signatures.some((sig) => sig.length <= head.byteLength && sig.every((byte, i) => head[i] === byte));
}
