// The in-memory graph saved next to the database (`papergraph.graph`), so an open is one file read
// instead of a rebuild from SQLite row by row (~2 s at 100k episodes). The file is only a cache: it is
// used when it names the graph version SQLite holds now (graphVersion.ts) and its checksum holds,
// otherwise the graph is rebuilt from SQLite and the file written again.
//
// Layout: magic (8 bytes), format (u32), header length (u32), CRC-32 of everything after it (u32),
// the JSON header (version, counts, where each array lies), then the arrays, each 8-byte aligned.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { crc32 } from 'node:zlib';

import { z } from 'zod';

import { CitationGraph, type GraphArrays, type MemoryState } from './memoryGraph.ts';

const GRAPH_FILE = 'papergraph.graph';
/** Bump when the layout or the meaning of an array changes: older files are then rebuilt, never read. */
export const GRAPH_FILE_FORMAT = 1;

const MAGIC = Buffer.from('PGGRAPH\n', 'latin1');
const PREFIX_BYTES = 20;
/** The header lists a dozen arrays; anything longer is not a header. */
const MAX_HEADER_BYTES = 16 * 1024;

export function graphFilePath(dataDir: string): string {
  return join(resolve(dataDir), GRAPH_FILE);
}

type ArrayName = keyof typeof ARRAY_TYPES;

/** Every array of the file, with its element type; strings are bytes + offsets + null flags. */
const ARRAY_TYPES = {
  kind: Uint8Array,
  day: Int32Array,
  offsets: Int32Array,
  targets: Int32Array,
  edgeKinds: Uint8Array,
  idBytes: Uint8Array,
  idOffsets: Int32Array,
  idNulls: Uint8Array,
  hashes: Int32Array,
  slots: Int32Array,
  titleBytes: Uint8Array,
  titleOffsets: Int32Array,
  titleNulls: Uint8Array,
} as const;

const count = z.number().int().nonnegative();
const headerSchema = z.object({
  graphVersion: z.string(),
  nodes: count,
  episodes: count,
  papers: count,
  citations: count,
  arrays: z.record(
    z.enum(Object.keys(ARRAY_TYPES) as [ArrayName, ...ArrayName[]]),
    z.object({ at: count, bytes: count }),
  ),
});
type Header = z.infer<typeof headerSchema>;

export type GraphFileRead = { state: MemoryState } | { rejected: string };

/** The saved graph if the file is whole and reflects `graphVersion`; otherwise why not. */
export function readGraphFile(path: string, graphVersion: string): GraphFileRead {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { rejected: 'no graph file' };
    throw error;
  }
  try {
    const size = fstatSync(fd).size;
    const start = readFully(fd, Math.min(size, PREFIX_BYTES + MAX_HEADER_BYTES));
    const opened = parsePrefix(start, size);
    if ('rejected' in opened) return opened;
    if (opened.header.graphVersion !== graphVersion)
      return { rejected: 'written for another state of the database' };
    // One read of the whole file; the arrays are used in place.
    const file = readFully(fd, size);
    if (crc32(file.subarray(PREFIX_BYTES)) !== file.readUInt32LE(16))
      return { rejected: 'checksum mismatch' };
    return stateOf(file, opened.header);
  } finally {
    closeSync(fd);
  }
}

function readFully(fd: number, length: number): Buffer {
  // Unpooled, so the buffer starts its own ArrayBuffer and every 8-byte aligned array can view it.
  const buffer = Buffer.allocUnsafeSlow(length);
  let done = 0;
  while (done < length) {
    const read = readSync(fd, buffer, done, length - done, done);
    if (read === 0) break;
    done += read;
  }
  return done === length ? buffer : buffer.subarray(0, done);
}

function parsePrefix(start: Buffer, size: number): { header: Header } | { rejected: string } {
  if (start.length < PREFIX_BYTES || !start.subarray(0, MAGIC.length).equals(MAGIC))
    return { rejected: 'not a graph file' };
  const format = start.readUInt32LE(8);
  if (format !== GRAPH_FILE_FORMAT)
    return { rejected: `format ${format}, this papergraph reads ${GRAPH_FILE_FORMAT}` };
  const headerBytes = start.readUInt32LE(12);
  if (headerBytes > MAX_HEADER_BYTES || PREFIX_BYTES + headerBytes > start.length)
    return { rejected: 'truncated' };
  let json: unknown;
  try {
    json = JSON.parse(start.toString('utf8', PREFIX_BYTES, PREFIX_BYTES + headerBytes));
  } catch {
    return { rejected: 'unreadable header' };
  }
  const parsed = headerSchema.safeParse(json);
  if (!parsed.success) return { rejected: `unreadable header (${z.prettifyError(parsed.error)})` };
  const header = parsed.data;
  for (const name of Object.keys(ARRAY_TYPES) as ArrayName[]) {
    const { at, bytes } = header.arrays[name];
    if (at + bytes > size) return { rejected: 'truncated' };
    if (at % 8 !== 0 || bytes % ARRAY_TYPES[name].BYTES_PER_ELEMENT !== 0)
      return { rejected: `unreadable header (${name} misplaced)` };
  }
  return { header };
}

function stateOf(file: Buffer, header: Header): GraphFileRead {
  const view = <N extends ArrayName>(name: N): InstanceType<(typeof ARRAY_TYPES)[N]> => {
    const { at, bytes } = header.arrays[name];
    const type = ARRAY_TYPES[name];
    return new type(
      file.buffer as ArrayBuffer,
      file.byteOffset + at,
      bytes / type.BYTES_PER_ELEMENT,
    ) as InstanceType<(typeof ARRAY_TYPES)[N]>;
  };
  const arrays: GraphArrays = {
    kind: view('kind'),
    day: view('day'),
    offsets: view('offsets'),
    targets: view('targets'),
    edgeKinds: view('edgeKinds'),
    ids: { bytes: view('idBytes'), offsets: view('idOffsets'), nulls: view('idNulls') },
    index: { hashes: view('hashes'), slots: view('slots') },
    titles: { bytes: view('titleBytes'), offsets: view('titleOffsets'), nulls: view('titleNulls') },
  };
  const problem = inconsistency(arrays, header.nodes);
  if (problem !== null) return { rejected: `inconsistent arrays (${problem})` };
  const { episodes: episodeCount, papers: paperCount, citations: citationCount } = header;
  return {
    state: { graph: CitationGraph.fromArrays(arrays), episodeCount, paperCount, citationCount },
  };
}

/** Lengths that must agree; a file that passes its checksum fails these only if it was written wrong. */
function inconsistency(a: GraphArrays, nodes: number): string | null {
  const perNode = [a.kind, a.day, a.ids.nulls, a.titles.nulls, a.index.hashes];
  if (perNode.some((array) => array.length !== nodes)) return 'per-node arrays';
  const plusOne = [a.offsets, a.ids.offsets, a.titles.offsets];
  if (plusOne.some((array) => array.length !== nodes + 1)) return 'offset arrays';
  const edges = a.offsets[nodes]!;
  if (a.targets.length !== edges || a.edgeKinds.length !== edges) return 'edge arrays';
  if (
    a.ids.offsets[nodes] !== a.ids.bytes.length ||
    a.titles.offsets[nodes] !== a.titles.bytes.length
  )
    return 'string bytes';
  const slots = a.index.slots.length;
  // At most half full, as written: a full table would never end a probe for a missing id.
  if (slots === 0 || (slots & (slots - 1)) !== 0 || slots < 2 * nodes) return 'lookup table';
  return null;
}

/** The file's bytes for `state` at `graphVersion`, as parts to write in order. */
export function encodeGraphFile(state: MemoryState, graphVersion: string): Buffer[] {
  const a = state.graph.toArrays();
  const arrays: Record<ArrayName, ArrayBufferView> = {
    kind: a.kind,
    day: a.day,
    offsets: a.offsets,
    targets: a.targets,
    edgeKinds: a.edgeKinds,
    idBytes: a.ids.bytes,
    idOffsets: a.ids.offsets,
    idNulls: a.ids.nulls,
    hashes: a.index.hashes,
    slots: a.index.slots,
    titleBytes: a.titles.bytes,
    titleOffsets: a.titles.offsets,
    titleNulls: a.titles.nulls,
  };
  // Where each array lands depends on the header's length, which depends on those places: lay the
  // arrays out after a header of fixed padded size.
  const names = Object.keys(arrays) as ArrayName[];
  const headerOf = (base: number) => {
    const places = {} as Header['arrays'];
    let at = base;
    for (const name of names) {
      places[name] = { at, bytes: arrays[name].byteLength };
      at = align(at + arrays[name].byteLength);
    }
    const header: Header = {
      graphVersion,
      nodes: a.kind.length,
      episodes: state.episodeCount,
      papers: state.paperCount,
      citations: state.citationCount,
      arrays: places,
    };
    return Buffer.from(JSON.stringify(header), 'utf8');
  };
  let headerRoom = align(PREFIX_BYTES + headerOf(0).length + 64) - PREFIX_BYTES;
  let header = headerOf(PREFIX_BYTES + headerRoom);
  while (header.length > headerRoom) {
    headerRoom = align(PREFIX_BYTES + header.length + 64) - PREFIX_BYTES;
    header = headerOf(PREFIX_BYTES + headerRoom);
  }
  const parts: Buffer[] = [
    Buffer.alloc(PREFIX_BYTES),
    header,
    Buffer.alloc(headerRoom - header.length, 0x20),
  ];
  for (const name of names) {
    const array = arrays[name];
    parts.push(
      Buffer.from(array.buffer, array.byteOffset, array.byteLength),
      Buffer.alloc(align(array.byteLength) - array.byteLength),
    );
  }
  const prefix = parts[0]!;
  MAGIC.copy(prefix, 0);
  prefix.writeUInt32LE(GRAPH_FILE_FORMAT, 8);
  prefix.writeUInt32LE(header.length, 12);
  let checksum = 0;
  for (const part of parts.slice(1)) checksum = crc32(part, checksum);
  prefix.writeUInt32LE(checksum, 16);
  return parts;
}

const align = (n: number) => Math.ceil(n / 8) * 8;

/**
 * Replaces the file atomically: written under a temporary name, flushed, renamed, directory flushed.
 * A crash at any point leaves the old file or the new one, each whole (and checked on open anyway).
 */
export async function writeGraphFile(path: string, parts: readonly Buffer[]): Promise<void> {
  // One name: one process owns the DATA_DIR, and a crash's leftover is overwritten by the next write.
  const temporary = `${path}.tmp`;
  try {
    const file = await open(temporary, 'w');
    try {
      await file.writeFile(parts);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  const directory = await open(dirname(path), 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}
