// The chapters of the file a podcast:chapters tag points at, fetched like every file a feed item
// points at (fetchPodcastFile.ts).
import { ImportError } from '../errors.ts';
import { parseChapters, type ParsedChapters } from './chapters.ts';
import { fetchPodcastFile, type FetchPodcastFileOptions } from './fetchPodcastFile.ts';

export type ChaptersOutcome =
  ({ kind: 'read'; finalUrl: string } & ParsedChapters) | { kind: 'failed'; error: string };

const CHAPTERS = {
  name: 'chapters file',
  contentTypes:
    /^(?:application\/(?:json|json\+chapters|octet-stream)|text\/(?:plain|json)|binary\/octet-stream)$/i,
  accept: 'application/json+chapters, application/json, text/plain;q=0.5, */*;q=0.1',
};

export async function fetchChapters(
  url: string,
  options: FetchPodcastFileOptions,
): Promise<ChaptersOutcome> {
  const fetched = await fetchPodcastFile(url, CHAPTERS, options);
  if (fetched.kind === 'failed') return fetched;
  try {
    return { kind: 'read', finalUrl: fetched.finalUrl, ...parseChapters(fetched.text) };
  } catch (error) {
    if (error instanceof ImportError)
      return { kind: 'failed', error: `${fetched.finalUrl}: ${error.message}` };
    throw error;
  }
}
