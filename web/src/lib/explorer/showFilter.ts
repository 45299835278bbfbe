// The explorer's show filter. The paper graph asks the API for one show's episodes (`graph(show:)`);
// the episode map's query takes no show, so a map keeps only that show's episodes after it is
// selected, with the relations among them.
import type { MapView } from '../map/mapData.ts';

/** The shows the filter offers, as select options; "" is every show. */
export function showChoices(shows: readonly { id: string; title: string }[]): [string, string][] {
  return [['', 'all shows'], ...shows.map((show): [string, string] => [show.id, show.title])];
}

/**
 * The map with only the episodes of `show` (and a local map's centre, which the visitor asked
 * for), the relations between them, and the clusters they are in. `showOf` gives each episode's show.
 */
export function mapOfShow(
  view: MapView,
  show: string,
  showOf: ReadonlyMap<string, string | null>,
): MapView {
  const nodes = view.nodes.filter(
    (node) => node.id === view.centre || showOf.get(node.id) === show,
  );
  const kept = new Set(nodes.map((node) => node.id));
  const clusters = new Set(nodes.map((node) => node.clusterId));
  return {
    ...view,
    nodes,
    links: view.links.filter((link) => kept.has(link.source) && kept.has(link.target)),
    clusters: view.clusters.filter((cluster) => clusters.has(cluster.id)),
  };
}
