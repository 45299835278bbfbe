// Stack traces of the bundle name the .ts files and lines: each frame in a chunk is mapped through
// the chunk's source map when a stack is first read. Node's own source-map support would read and
// index every map as its chunk loads, which costs every start time and memory for the rare stack.
import { readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { pathToFileURL } from 'node:url';

type CallSite = NodeJS.CallSite;

/** Maps frames in the chunks under `bundleDir` to their sources, for every error's `stack`. */
export function mapStackTracesOf(bundleDir: string): void {
  const bundleUrl = pathToFileURL(bundleDir).href + '/';
  const maps = new Map<string, SourceMap | null>();

  const mapOf = (chunkUrl: string): SourceMap | null => {
    if (!maps.has(chunkUrl)) {
      try {
        const payload = JSON.parse(
          readFileSync(new URL(`${chunkUrl}.map`), 'utf8'),
        ) as SourceMapPayload;
        maps.set(chunkUrl, new SourceMap(payload));
      } catch {
        maps.set(chunkUrl, null);
      }
    }
    return maps.get(chunkUrl) ?? null;
  };

  const frame = (site: CallSite): string => {
    const text = site.toString();
    const chunkUrl = site.getFileName();
    const line = site.getLineNumber();
    const column = site.getColumnNumber();
    if (!chunkUrl?.startsWith(bundleUrl) || line === null || column === null) return text;
    const origin = mapOf(chunkUrl)?.findOrigin(line, column);
    if (!origin || !('fileName' in origin)) return text;
    // The map names its sources relative to itself.
    const source = new URL(origin.fileName, chunkUrl).href;
    return text.replace(
      `${chunkUrl}:${line}:${column}`,
      `${source}:${origin.lineNumber}:${origin.columnNumber}`,
    );
  };

  Error.prepareStackTrace = (error: Error, sites: CallSite[]) =>
    [headline(error), ...sites.map((site) => `    at ${frame(site)}`)].join('\n');
}

/** The first line V8 gives a stack: `Name: message`. */
function headline(error: Error): string {
  try {
    return Error.prototype.toString.call(error);
  } catch {
    return '<error>';
  }
}
