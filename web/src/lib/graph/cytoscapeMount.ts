// The one way a drawing mounts cytoscape: an attachment that loads it (lazily, in the browser only),
// creates one instance on its container with the drawings' shared options, hands it over, and
// destroys it when the container leaves the page. GraphCanvas and MapCanvas differ only in what they
// do with the instance.
import type { Core, StylesheetJson } from 'cytoscape';
import type { Attachment } from 'svelte/attachments';

import { loadCytoscape } from './loadCytoscape.ts';

interface CytoscapeMount {
  /** The drawing's stylesheet when the instance is created (its rules' types are looser than cytoscape's). */
  style: () => object[];
  minZoom: number;
  maxZoom: number;
  /** Cytoscape is created only once this settles (e.g. a first picture is painted); it is fetched meanwhile. */
  after?: Promise<unknown>;
  /** Before cytoscape is loaded: the drawing is on its way. */
  loading: () => void;
  /** The instance, empty, on the container: bind its events, keep it. */
  created: (core: Core) => void;
  /** Cytoscape could not be loaded or created. */
  failed: (message: string) => void;
  /** The container leaves the page: stop what the drawing runs (timers, layouts); the instance is destroyed next. */
  destroying: () => void;
}

export function mountCytoscape(mount: CytoscapeMount): Attachment<HTMLDivElement> {
  return (container) => {
    let destroyed = false;
    let instance: Core | null = null;
    mount.loading();
    Promise.all([loadCytoscape(), mount.after])
      .then(([cytoscape]) => {
        if (destroyed) return;
        instance = cytoscape({
          container,
          elements: [],
          style: mount.style() as StylesheetJson,
          minZoom: mount.minZoom,
          maxZoom: mount.maxZoom,
          boxSelectionEnabled: false,
          autounselectify: true,
        });
        mount.created(instance);
      })
      .catch((error: unknown) => {
        if (destroyed) return;
        mount.failed(error instanceof Error ? error.message : String(error));
      });
    return () => {
      destroyed = true;
      mount.destroying();
      instance?.destroy();
    };
  };
}
