/**
 * A file's bytes as text, in the encodings editors write, told apart by their byte order mark: UTF-8 (Visual Studio
 * saves it with a mark), and UTF-16 (what Windows PowerShell 5's `>` and `Out-File` write, `.env` files included).
 * Positions are offsets in the text without the mark, as editors count them; a file written back (`scan --fix`)
 * keeps its encoding and mark.
 */
export type TextEncoding = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be';

/** A NUL among the first this many characters: a binary file. */
const BINARY_SNIFF = 8000;

const BINARY = { skipped: 'skipped: binary file' };

export function decodeText(buf: Buffer): { text: string; encoding: TextEncoding } | { skipped: string } {
  const encoding = encodingOf(buf);
  if (encoding === 'utf8' || encoding === 'utf8-bom') {
    if (buf.subarray(0, BINARY_SNIFF).includes(0)) return BINARY;
    return { text: buf.toString('utf8', encoding === 'utf8' ? 0 : 3), encoding };
  }
  const text = encoding === 'utf16le' ? buf.toString('utf16le', 2) : swapBytes(buf.subarray(2)).toString('utf16le');
  return text.slice(0, BINARY_SNIFF).includes('\0') ? BINARY : { text, encoding };
}

export function encodeText(text: string, encoding: TextEncoding): Buffer {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'utf8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), swapBytes(Buffer.from(text, 'utf16le'))]);
  }
}

function encodingOf(buf: Buffer): TextEncoding {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return 'utf8-bom';
  if (buf[0] === 0xff && buf[1] === 0xfe) return 'utf16le';
  if (buf[0] === 0xfe && buf[1] === 0xff) return 'utf16be';
  return 'utf8';
}

/** A copy with each pair of bytes swapped (an odd last byte dropped): UTF-16 big-endian to little-endian and back. */
function swapBytes(buf: Buffer): Buffer {
  const out = Buffer.from(buf.subarray(0, buf.length - (buf.length % 2)));
  return out.swap16();
}
