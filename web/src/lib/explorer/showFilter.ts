// The explorer's show filter: the paper graph and the episode map ask the API for one show's
// episodes (`graph(show:)`, `episodeMap(show:)`).

/** The shows the filter offers, as select options; "" is every show. */
export function showChoices(shows: readonly { id: string; title: string }[]): [string, string][] {
  return [['', 'all shows'], ...shows.map((show): [string, string] => [show.id, show.title])];
}
