// How far into an episode's audio a time may point: one rule for the transcript's cues, the
// citations' times and the web's links to a second.

/** The latest second a cue, a citation's time or a link may name (two days of audio). */
export const MAX_AUDIO_SECONDS = 48 * 3600;
