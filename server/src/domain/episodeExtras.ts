// The optional episode fields a feed item adds (guid, link, audio, image, unlinked readings), as one
// value: both stores keep them in a single JSON column/property, and the content hash covers them.
import { z } from 'zod';

import { audioSchema, type EpisodeRecord, unlinkedReadingSchema, webUrlSchema } from './model.ts';

const extrasSchema = z.object({
  guid: z.string().nullable(),
  url: webUrlSchema.nullable(),
  audio: audioSchema.nullable(),
  imageUrl: webUrlSchema.nullable(),
  unlinkedReadings: z.array(unlinkedReadingSchema),
});
export type EpisodeExtras = z.infer<typeof extrasSchema>;

/** null when the record carries none of them, so records from before they existed hash and store as before. */
export function episodeExtras(episode: EpisodeRecord): EpisodeExtras | null {
  const extras: EpisodeExtras = {
    guid: episode.guid ?? null,
    url: episode.url ?? null,
    audio: episode.audio ?? null,
    imageUrl: episode.imageUrl ?? null,
    unlinkedReadings: episode.unlinkedReadings ?? [],
  };
  const empty =
    extras.guid === null &&
    extras.url === null &&
    extras.audio === null &&
    extras.imageUrl === null &&
    extras.unlinkedReadings.length === 0;
  return empty ? null : extras;
}

export function encodeEpisodeExtras(episode: EpisodeRecord): string | null {
  const extras = episodeExtras(episode);
  return extras === null ? null : JSON.stringify(extras);
}

/** The stored JSON back as record fields; checked, since a database is a boundary like any other. */
export function decodeEpisodeExtras(json: string | null): Partial<EpisodeExtras> {
  if (json === null) return {};
  const extras = extrasSchema.parse(JSON.parse(json));
  return {
    ...(extras.guid === null ? {} : { guid: extras.guid }),
    ...(extras.url === null ? {} : { url: extras.url }),
    ...(extras.audio === null ? {} : { audio: extras.audio }),
    ...(extras.imageUrl === null ? {} : { imageUrl: extras.imageUrl }),
    ...(extras.unlinkedReadings.length === 0 ? {} : { unlinkedReadings: extras.unlinkedReadings }),
  };
}
