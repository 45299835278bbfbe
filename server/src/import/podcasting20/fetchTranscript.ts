// The cues of the file a podcast:transcript tag points at, fetched like every file a feed item
// points at (fetchPodcastFile.ts) and read in the format its tag, its server or its start names.
import { ImportError } from '../errors.ts';
import { fetchPodcastFile, type FetchPodcastFileOptions } from './fetchPodcastFile.ts';
import type { TranscriptLink } from './podcastFeed.ts';
import {
  parseTranscript,
  transcriptFormat,
  type TranscriptCue,
  type TranscriptFormat,
} from './transcript.ts';

export type TranscriptOutcome =
  | { kind: 'read'; format: TranscriptFormat; cues: TranscriptCue[]; finalUrl: string }
  | { kind: 'failed'; error: string };

const TRANSCRIPT = {
  name: 'transcript',
  // Object stores often serve SRT and VTT as octet-stream.
  contentTypes:
    /^(?:text\/(?:vtt|srt|plain)|application\/(?:x-subrip|srt|json|octet-stream)|binary\/octet-stream)$/i,
  accept:
    'text/vtt, application/x-subrip, application/srt, application/json, text/plain;q=0.5, */*;q=0.1',
};

export async function fetchTranscript(
  link: TranscriptLink,
  options: FetchPodcastFileOptions,
): Promise<TranscriptOutcome> {
  const fetched = await fetchPodcastFile(link.url, TRANSCRIPT, options);
  if (fetched.kind === 'failed') return fetched;
  const format =
    transcriptFormat(link.type, fetched.text) ??
    transcriptFormat(fetched.contentType, fetched.text);
  if (format === null)
    return {
      kind: 'failed',
      error: `${fetched.finalUrl}: type "${link.type}" is not a transcript format papergraph reads (SRT, WebVTT, JSON)`,
    };
  try {
    const cues = parseTranscript(format, fetched.text);
    return { kind: 'read', format, cues, finalUrl: fetched.finalUrl };
  } catch (error) {
    if (error instanceof ImportError)
      return { kind: 'failed', error: `${fetched.finalUrl}: ${error.message}` };
    throw error;
  }
}
