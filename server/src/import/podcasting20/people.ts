// The people of a feed's episodes (podcast:person) as episode records carry them: each with the id
// that names them (domain/person.ts), as the feed wrote them. A person the store cannot keep (a name
// beyond the model's bounds) is left out with a problem naming the episode and the field; an
// episode is never refused for its people.
import { type EpisodePerson, episodePersonSchema } from '../../domain/model.ts';
import { foldedName, MAX_PEOPLE_PER_EPISODE, personIdFor } from '../../domain/person.ts';
import { episodeLabel, type ImportIssue } from '../errors.ts';
import { showOfChannel } from '../showOfFeed.ts';
import { excerpt } from '../text.ts';
import { episodePersons, type Person, type PodcastFeed } from './podcastFeed.ts';

const FIELD = 'podcast:person';

export interface FeedPeople {
  /** `people[i]`: the people of `feed.episodes[i]`, each person once, in feed order. */
  people: EpisodePerson[][];
  /** The feed's podcast:person problems: its reader's and the people left out here. */
  problems: ImportIssue[];
}

/**
 * A name without a web page of its own takes the one the same name has elsewhere in the feed (a
 * show lists its host with a link once, at the channel, and by name alone in items).
 */
function pageByName(feed: PodcastFeed): Map<string, string> {
  const pages = new Map<string, string>();
  for (const person of [...feed.persons, ...feed.episodes.flatMap((e) => e.persons)]) {
    const name = foldedName(person.name);
    if (person.href !== null && !pages.has(name)) pages.set(name, person.href);
  }
  return pages;
}

function describeProblem(person: Person): string | null {
  const parsed = episodePersonSchema
    .pick({ name: true, role: true, group: true })
    .safeParse(person);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  const field = String(issue?.path[0] ?? 'name');
  return `"${excerpt(person.name)}" left out: its ${field} is ${issue?.code === 'too_big' ? 'too long' : 'not usable'} (${issue?.message ?? 'invalid'})`;
}

/**
 * Every episode's people, with their ids. A name without a page is named within the show as its
 * channel names itself, not by the URL it was fetched from: a file and a fetch of one feed agree.
 */
export function peopleOfFeed(feed: PodcastFeed): FeedPeople {
  const showId = showOfChannel(feed.show, null).id;
  const pages = pageByName(feed);
  const problems = feed.problems.filter((problem) => problem.field === FIELD);
  const people = feed.episodes.map((episode) => {
    const label = episodeLabel(episode.raw.position, episode.raw.title);
    const kept = new Map<string, EpisodePerson>();
    for (const person of episodePersons(feed, episode)) {
      const problem = describeProblem(person);
      if (problem !== null) {
        problems.push({ episode: label, field: FIELD, message: problem });
        continue;
      }
      const page = person.href ?? pages.get(foldedName(person.name)) ?? null;
      const personId = personIdFor({ href: page, name: person.name, showId });
      // A person tagged twice (two roles) is listed once, as first tagged.
      if (kept.has(personId)) continue;
      if (kept.size === MAX_PEOPLE_PER_EPISODE) {
        problems.push({
          episode: label,
          field: FIELD,
          message: `more than ${MAX_PEOPLE_PER_EPISODE} people; the first ${MAX_PEOPLE_PER_EPISODE} kept`,
        });
        break;
      }
      kept.set(personId, {
        personId,
        name: person.name,
        role: person.role,
        group: person.group,
        href: person.href,
        imageUrl: person.imageUrl,
      });
    }
    return [...kept.values()];
  });
  return { people, problems };
}

/** A problem as one warning line (the caller names the feed). */
export function peopleWarning(problem: ImportIssue): string {
  const where = problem.episode === undefined ? 'the show' : `episode ${problem.episode}`;
  return `${where}: field ${problem.field ?? FIELD}: ${problem.message}`;
}
