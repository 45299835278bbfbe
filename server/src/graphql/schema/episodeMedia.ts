// What the feed says about an episode itself: its page, its audio, its guid, readings named without a link.
import type { Audio, UnlinkedReading } from '../../domain/model.ts';
import { builder } from '../builder.ts';
import { wholeEpisodeField } from '../loaders.ts';
import { EpisodeRef } from './refs.ts';

const AudioRef = builder.objectRef<Audio>('Audio').implement({
  description: "The episode's audio, as the feed's <enclosure> gives it.",
  fields: (t) => ({
    url: t.exposeString('url'),
    type: t.exposeString('type', { nullable: true, description: 'MIME type, e.g. audio/mpeg' }),
    bytes: t.exposeInt('bytes', { nullable: true, description: 'Declared length in bytes' }),
  }),
});

const UnlinkedReadingRef = builder.objectRef<UnlinkedReading>('UnlinkedReading').implement({
  description: 'A recommended reading the episode names without a link: text only, no paper node.',
  fields: (t) => ({
    title: t.exposeString('title'),
    note: t.exposeString('note', { nullable: true }),
  }),
});

builder.objectFields(EpisodeRef, (t) => ({
  url: t.string({
    nullable: true,
    description: "The episode's own page (RSS <link>)",
    ...wholeEpisodeField((e) => e.url ?? null),
  }),
  guid: t.string({
    nullable: true,
    description: "The feed's <guid>: identifies the episode across title and text edits",
    ...wholeEpisodeField((e) => e.guid ?? null),
  }),
  audio: t.field({
    type: AudioRef,
    nullable: true,
    ...wholeEpisodeField((e) => e.audio ?? null),
  }),
  imageUrl: t.string({
    nullable: true,
    description: '<itunes:image>',
    ...wholeEpisodeField((e) => e.imageUrl ?? null),
  }),
  unlinkedReadings: t.field({
    type: [UnlinkedReadingRef],
    ...wholeEpisodeField((e) => e.unlinkedReadings ?? []),
  }),
}));
