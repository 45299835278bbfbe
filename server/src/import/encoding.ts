// Feeds are UTF-8. Bytes in any other encoding are refused with the place they go wrong, instead of
// being decoded into U+FFFD replacement characters that would then sit in the graph as "Caf�".
import { ImportError } from './errors.ts';

const REPLACEMENT_CHARACTER = '\uFFFD';
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function lineAndColumn(text: string, index: number): string {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  const column = index - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

/** `encoding="…"` from an XML declaration, if the content starts with one. */
function declaredXmlEncoding(head: string): string | null {
  return /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1] ?? null;
}

function byteOrderMarkEncoding(bytes: Uint8Array): string | null {
  const [a, b, c, d] = bytes;
  if (a === 0x00 && b === 0x00 && c === 0xfe && d === 0xff) return 'UTF-32BE';
  if (a === 0xff && b === 0xfe && c === 0x00 && d === 0x00) return 'UTF-32LE';
  if (a === 0xfe && b === 0xff) return 'UTF-16BE';
  if (a === 0xff && b === 0xfe) return 'UTF-16LE';
  return null;
}

/** A feed file's bytes as text; anything that is not valid UTF-8 is an ImportError saying where. */
export function decodeFeedBytes(bytes: Uint8Array): string {
  const bom = byteOrderMarkEncoding(bytes);
  if (bom) throw new ImportError([{ message: `feed is encoded as ${bom}; feeds must be UTF-8` }]);
  try {
    return strictUtf8.decode(bytes);
  } catch {
    // Decode leniently only to say where the first bad byte is and what the feed claims to be.
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const at = lenient.indexOf(REPLACEMENT_CHARACTER);
    const declared = declaredXmlEncoding(lenient.slice(0, 200));
    const claim =
      declared && !/^utf-?8$/i.test(declared) ? ` (its XML declaration says ${declared})` : '';
    throw new ImportError([
      {
        message: `feed is not valid UTF-8${claim}: the first invalid byte is at ${lineAndColumn(lenient, at)}; feeds must be UTF-8`,
      },
    ]);
  }
}

/**
 * Text that already went through a decoder (importFeed's JSON body, a string from a caller): a
 * replacement character means some step decoded it with the wrong encoding and lost characters.
 */
export function assertNoReplacementCharacters(content: string): void {
  const at = content.indexOf(REPLACEMENT_CHARACTER);
  if (at < 0) return;
  throw new ImportError([
    {
      message: `feed contains U+FFFD replacement characters (first at ${lineAndColumn(content, at)}): it was decoded with the wrong encoding before it reached papergraph; send it as UTF-8`,
    },
  ]);
}
