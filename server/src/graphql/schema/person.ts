// People (podcast:person): `Episode.people` as each episode's feed names them, the `Person` they are,
// and `person(id)` with the episodes that name them across shows.
import { z } from 'zod';

import type { EpisodePerson } from '../../domain/model.ts';
import { MAX_PEOPLE_PER_EPISODE, PERSON_ID_PATTERN } from '../../domain/person.ts';
import type { PersonView } from '../../store/peopleStore.ts';
import { builder } from '../builder.ts';
import { peopleLoaders } from '../peopleLoaders.ts';
import { NEWEST_FIRST } from './episode.ts';
import { pageSizeOf, resolveKeysetPage } from './pagination.ts';
import { EpisodeRef } from './refs.ts';

const personIdArg = z.string().regex(PERSON_ID_PATTERN);

const PersonRef = builder.objectRef<PersonView>('Person').implement({
  description:
    'Someone a podcast names in its feed (podcast:person): one person across episodes, and across shows when their feeds give the same web page.',
  fields: (t) => ({
    id: t.exposeID('id', {
      description:
        'person_ and 12 hex digits, from their web page when a feed gives one, else their name within the show',
    }),
    name: t.exposeString('name', {
      description: 'As the latest import that names them wrote it (plain text)',
    }),
    href: t.exposeString('href', {
      nullable: true,
      description: 'Their web page, the last one an episode gave',
    }),
    imageUrl: t.exposeString('imageUrl', {
      nullable: true,
      description: 'Their picture, the last one an episode gave',
    }),
    episodeCount: t.exposeInt('episodeCount'),
    episodes: t.connection({
      type: EpisodeRef,
      description:
        'The episodes that name them, across shows, newest first (undated last, then id), with keyset cursors as `episodes`.',
      complexity: (args) => ({ field: 1, multiplier: pageSizeOf(args) }),
      resolve: (person, args, context) =>
        resolveKeysetPage(args, NEWEST_FIRST, (keyset, limit) =>
          context.store.personEpisodes(person.id, limit, keyset),
        ),
    }),
  }),
});

const EpisodePersonRef = builder.objectRef<EpisodePerson>('EpisodePerson').implement({
  description: 'A person as one episode’s feed names them (its podcast:person tag).',
  fields: (t) => ({
    personId: t.exposeID('personId'),
    person: t.field({
      type: PersonRef,
      resolve: (named, _args, context) => peopleLoaders(context).person(named.personId),
    }),
    name: t.exposeString('name', { description: 'As the tag gives it (plain text)' }),
    role: t.exposeString('role', {
      description: 'Podcasting 2.0 role, lower-case: host, guest, …',
    }),
    group: t.exposeString('group', {
      description: 'Podcasting 2.0 group, lower-case: cast, writing, …',
    }),
    href: t.exposeString('href', {
      nullable: true,
      description: 'The tag’s `href`; null when it gives none',
    }),
    imageUrl: t.exposeString('imageUrl', {
      nullable: true,
      description: 'The tag’s `img`; null when it gives none',
    }),
  }),
});

builder.objectField(EpisodeRef, 'people', (t) =>
  t.field({
    type: [EpisodePersonRef],
    description:
      'Who the episode names (hosts, guests), in feed order: its own podcast:person tags, else its show’s',
    complexity: { field: 1, multiplier: MAX_PEOPLE_PER_EPISODE },
    resolve: (episode, _args, context) => peopleLoaders(context).ofEpisode(episode.id),
  }),
);

builder.queryField('person', (t) =>
  t.field({
    type: PersonRef,
    nullable: true,
    description: 'The person with this id; null when none has it.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, context) => {
      const id = String(args.id);
      return personIdArg.safeParse(id).success ? peopleLoaders(context).findPerson(id) : null;
    },
  }),
);
