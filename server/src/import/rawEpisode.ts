/** One episode as a reader found it, before any interpretation of its text. */
export interface RawEpisode {
  /** 1-based position in the feed, used to name the episode in error messages. */
  position: number;
  title?: string;
  /** Plain text following the page's conventions (HTML already turned into text). */
  description: string;
  /** "23 min", "1 hr 5 min", "23:00", "1380", … */
  durationText?: string;
  /** RSS pubDate, used when the description does not say when the episode was made. */
  pubDateText?: string;
  guid?: string;
  link?: string;
  /** RSS `<enclosure url type length>` as written (checked by the parser). */
  enclosure?: { url?: string; type?: string; length?: string };
  /** `<itunes:image href>` as written. */
  imageUrl?: string;
}
