// The parsing layer end to end on the research-podcast fixture: an episode's paper links from its
// notes and chapters, its transcript fetched from a loopback server, and the second each paper is
// first discussed, with the words each paper was linked under standing in for its title.
import { readFileSync } from 'node:fs';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { episodeLabel } from '../../server/src/import/errors.ts';
import { notesOfEpisode } from '../../server/src/import/notes/episodeNotes.ts';
import { paperLinksInNotes } from '../../server/src/import/notes/paperLinks.ts';
import { fetchChapters } from '../../server/src/import/podcasting20/fetchChapters.ts';
import { fetchTranscript } from '../../server/src/import/podcasting20/fetchTranscript.ts';
import { firstDiscussed } from '../../server/src/import/podcasting20/firstDiscussed.ts';
import { readPodcastFeed } from '../../server/src/import/podcasting20/podcastFeed.ts';
import { type LoopbackServer, serveOnLoopback } from '../helpers/loopbackServer.ts';

const MEDIA = 'https://media.gradient-descent.example.org';
const OPTIONS = { timeoutMs: 2000, maxBytes: 1_000_000 };

function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/research-podcast/${name}`, import.meta.url), 'utf8');
}

let server: LoopbackServer;

beforeAll(async () => {
  server = await serveOnLoopback((request, response) => {
    const types: Record<string, string> = {
      '/41.vtt': 'text/vtt',
      '/41.json': 'application/json',
      '/41-chapters.json': 'application/json+chapters',
    };
    const type = types[request.url ?? ''];
    if (type === undefined) {
      response.writeHead(404);
      response.end();
      return;
    }
    response.writeHead(200, { 'content-type': type });
    response.end(fixture(request.url?.slice(1) ?? ''));
  });
});

afterAll(async () => {
  await server.close();
});

/** The fixture's media host, served from the loopback server instead. */
function local(url: string): string {
  return url.replace(MEDIA, server.origin);
}

describe('episode 41 of the research-podcast fixture', () => {
  it('gets each paper linked from its notes and chapters the second its transcript first discusses it', async () => {
    const feed = readPodcastFeed(fixture('feed.xml'), 'feed.xml');
    const episode = feed.episodes[0];
    if (!episode?.chaptersUrl) throw new Error('episode 41 has chapters');
    const chapters = await fetchChapters(local(episode.chaptersUrl), OPTIONS);
    if (chapters.kind !== 'read') throw new Error(chapters.error);
    const { papers } = paperLinksInNotes(notesOfEpisode(episode, chapters.chapters), {
      file: 'feed.xml',
      episode: episodeLabel(episode.raw.position, episode.raw.title),
    });
    const captions = episode.transcripts.find((transcript) => transcript.rel === 'captions');
    if (!captions) throw new Error('episode 41 has captions');
    const transcript = await fetchTranscript({ ...captions, url: local(captions.url) }, OPTIONS);
    if (transcript.kind !== 'read') throw new Error(transcript.error);

    const discussed = firstDiscussed(
      transcript.cues,
      papers.map((paper) => ({ key: paper.key, titles: paper.linkTexts })),
    );
    expect(discussed).toEqual([
      { paperId: 'arxiv:2305.18290', seconds: 4.5, cueIndex: 1, by: 'name' },
      { paperId: 'arxiv:1707.06347', seconds: 9.25, cueIndex: 2, by: 'name' },
      { paperId: 'arxiv:2402.01306', seconds: 62, cueIndex: 4, by: 'name' },
    ]);
  });
});
