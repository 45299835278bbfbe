// What a feed item says about the episode itself (guid, link, audio enclosure, image), checked like
// every other field: a link that is not a web link is refused with the field named, never stored.
import { type Audio, webUrlSchema } from '../domain/model.ts';
import type { RawEpisode } from './rawEpisode.ts';
import { excerpt } from './text.ts';

export interface EpisodeFeedFields {
  guid: string | null;
  url: string | null;
  audio: Audio | null;
  imageUrl: string | null;
}

const MAX_GUID_LENGTH = 2048;
const MAX_TYPE_LENGTH = 255;
const BYTE_COUNT = /^\d{1,15}$/;

type AddProblem = (field: string, message: string) => void;

function webUrl(value: string | undefined, field: string, problem: AddProblem): string | null {
  if (value === undefined) return null;
  if (!webUrlSchema.safeParse(value).success) {
    problem(
      field,
      `"${excerpt(value)}" is not a web link (http or https, at most 2,048 characters)`,
    );
    return null;
  }
  return value;
}

function audioOf(enclosure: RawEpisode['enclosure'], problem: AddProblem): Audio | null {
  if (enclosure === undefined) return null;
  if (enclosure.url === undefined) {
    problem('enclosure', '<enclosure> has no url attribute');
    return null;
  }
  const url = webUrl(enclosure.url, 'enclosure', problem);
  let bytes: number | null = null;
  if (enclosure.length !== undefined) {
    // Feeds write length="0" when they do not know it.
    if (!BYTE_COUNT.test(enclosure.length))
      problem('enclosure', `length "${excerpt(enclosure.length, 30)}" is not a byte count`);
    else bytes = Number(enclosure.length) || null;
  }
  const type = enclosure.type ?? null;
  if (type !== null && type.length > MAX_TYPE_LENGTH)
    problem('enclosure', `type is longer than ${MAX_TYPE_LENGTH} characters`);
  return url === null ? null : { url, type, bytes };
}

export function episodeFeedFields(raw: RawEpisode, problem: AddProblem): EpisodeFeedFields {
  const guid = raw.guid ?? null;
  if (guid !== null && guid.length > MAX_GUID_LENGTH)
    problem('guid', `guid is ${guid.length} characters long; the limit is ${MAX_GUID_LENGTH}`);
  return {
    guid,
    url: webUrl(raw.link, 'link', problem),
    audio: audioOf(raw.enclosure, problem),
    imageUrl: webUrl(raw.imageUrl, 'itunes:image', problem),
  };
}

/** The record fields for the fields the feed gave: absent ones are left out, so older records compare equal. */
export function feedFieldsOfRecord(fields: EpisodeFeedFields): Partial<EpisodeFeedFields> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null));
}
