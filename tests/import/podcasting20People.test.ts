// A feed's podcast:person tags as episode people (import/podcasting20/people.ts): an item's own tags,
// else the channel's; a name tagged without a page takes the page the same name has elsewhere in the
// feed; a person tagged twice is listed once; a name too long for the model and people past the cap
// are left out with a problem naming the episode. (A file and a fetch of one feed giving the same ids:
// fetchedFeedFiles.test.ts, by their episodes' hashes.)
import { describe, expect, it } from 'vitest';

import { MAX_PEOPLE_PER_EPISODE, personIdFor } from '../../server/src/domain/person.ts';
import { peopleOfFeed, peopleWarning } from '../../server/src/import/podcasting20/people.ts';
import { readPodcastFeed } from '../../server/src/import/podcasting20/podcastFeed.ts';
import { showOfChannel } from '../../server/src/import/showOfFeed.ts';
import { excerpt } from '../../server/src/import/text.ts';
import { rssItem } from '../feeds/feedText.ts';

const ADA_PAGE = 'https://ada.example.org/';

function feed(channel: string, items: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0">
<channel><title>People Pods</title><link>https://people-pods.example.org/</link><description>A show.</description>
${channel}
${items.join('\n')}
</channel></rss>
`;
}

const person = (name: string, attributes = '') =>
  `<podcast:person${attributes}>${name}</podcast:person>`;

describe('peopleOfFeed', () => {
  it('gives each episode its own tags, else the channel’s, one id per person', () => {
    const read = readPodcastFeed(
      feed(person('Ada Reviewer', ` role="host" href="${ADA_PAGE}"`), [
        rssItem({
          n: 1,
          extra:
            person('Rafa Guest', ' role="Guest" group="Cast"') +
            // Ada by name alone in an item: her page from the channel names her.
            person('Ada  Reviewer', ' role="host"') +
            // The same person again in another role: listed once, as first tagged.
            person('Rafa Guest', ' role="producer" group="crew"'),
        }),
        rssItem({ n: 2 }),
      ]),
    );
    const showId = showOfChannel(read.show, null).id;
    const { people, problems } = peopleOfFeed(read);
    expect(problems).toEqual([]);
    const ada = personIdFor({ href: ADA_PAGE, name: 'Ada Reviewer', showId });
    expect(people).toEqual([
      [
        {
          personId: personIdFor({ href: null, name: 'Rafa Guest', showId }),
          name: 'Rafa Guest',
          role: 'guest',
          group: 'cast',
          href: null,
          imageUrl: null,
        },
        // Named as the item wrote her, spaces as one; her id from the channel's page.
        {
          personId: ada,
          name: 'Ada Reviewer',
          role: 'host',
          group: 'cast',
          href: null,
          imageUrl: null,
        },
      ],
      [
        {
          personId: ada,
          name: 'Ada Reviewer',
          role: 'host',
          group: 'cast',
          href: ADA_PAGE,
          imageUrl: null,
        },
      ],
    ]);
  });

  it('leaves out a name too long and people past the cap, saying which episode', () => {
    const crowd = Array.from({ length: MAX_PEOPLE_PER_EPISODE + 1 }, (_, i) =>
      person(`Listener ${i}`),
    ).join('');
    const read = readPodcastFeed(
      feed('', [
        rssItem({ n: 1, title: 'Long name', extra: person('N'.repeat(501)) + person('Kept') }),
        rssItem({ n: 2, title: 'Crowd', extra: crowd }),
      ]),
    );
    const { people, problems } = peopleOfFeed(read);
    expect(people[0]!.map((p) => p.name)).toEqual(['Kept']);
    expect(people[1]).toHaveLength(MAX_PEOPLE_PER_EPISODE);
    expect(people[1]!.at(-1)?.name).toBe(`Listener ${MAX_PEOPLE_PER_EPISODE - 1}`);
    expect(problems.map(peopleWarning)).toEqual([
      `episode #1 "Long name": field podcast:person: "${excerpt('N'.repeat(501))}" left out: its name is too long (Too big: expected string to have <=500 characters)`,
      `episode #2 "Crowd": field podcast:person: more than ${MAX_PEOPLE_PER_EPISODE} people; the first ${MAX_PEOPLE_PER_EPISODE} kept`,
    ]);
  });
});
