// The cues of the file a podcast:transcript tag points at, fetched like every file a feed item
// points at (fetchPodcastFile.ts) and read in the format its server, its tag or its start names.
import { ImportError } from '../errors.ts';
import { fetchPodcastFile, type FetchPodcastFileOptions } from './fetchPodcastFile.ts';
import type { TranscriptLink } from './podcastFeed.ts';
import {
  parseTranscript,
  type TranscriptCue,
  type TranscriptFormat,
  transcriptFormat,
} from './transcript.ts';

export type TranscriptOutcome =
  | { kind: 'read'; format: TranscriptFormat; cues: TranscriptCue[]; finalUrl: string }
  | { kind: 'failed'; error: string };

/** Object stores often serve SRT and VTT as octet-stream. */
const TIMED_TYPES =
  'text/vtt|text/srt|text/plain|application/x-subrip|application/srt|application/json|application/octet-stream|binary/octet-stream';

const TRANSCRIPT = {
  name: 'transcript',
  contentTypes: new RegExp(`^(?:${TIMED_TYPES})$`, 'i'),
  accept:
    'text/vtt, application/x-subrip, application/srt, application/json, text/plain;q=0.5, */*;q=0.1',
};

/** Only a tag that says its transcript is HTML makes an HTML answer one (else it is an error page). */
const HTML_TRANSCRIPT = {
  name: 'transcript',
  contentTypes: new RegExp(`^(?:text/html|${TIMED_TYPES})$`, 'i'),
  accept: 'text/html, */*;q=0.1',
};

export async function fetchTranscript(
  link: TranscriptLink,
  options: FetchPodcastFileOptions,
): Promise<TranscriptOutcome> {
  const kind = transcriptFormat([link.type], '') === 'html' ? HTML_TRANSCRIPT : TRANSCRIPT;
  const fetched = await fetchPodcastFile(link.url, kind, options);
  if (fetched.kind === 'failed') return fetched;
  // A specific answer from the server is trusted over the tag; a generic one defers to the tag.
  const format = transcriptFormat([fetched.contentType, link.type], fetched.text);
  if (format === null)
    return {
      kind: 'failed',
      error: `${fetched.finalUrl}: type "${link.type}" is not a transcript format papergraph reads (SRT, WebVTT, JSON, HTML)`,
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
