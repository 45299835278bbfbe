// cytoscape and fcose are large: they are fetched only in the browser, the first time a graph
// is drawn, so the server render and the page's initial JS stay small.
import type cytoscape from 'cytoscape';

export type Cytoscape = typeof cytoscape;

// cytoscape prepends <style id="__________cytoscape_stylesheet"> to <head> on first use, which our
// Content-Security-Policy (no inline styles) refuses. Its single rule (the container must be
// not position: static) is met by our own CSS, so an element with that id tells cytoscape it is there.
const CYTOSCAPE_STYLESHEET_ID = '__________cytoscape_stylesheet';

let loading: Promise<Cytoscape> | null = null;

export function loadCytoscape(): Promise<Cytoscape> {
  loading ??= Promise.all([import('cytoscape'), import('cytoscape-fcose')])
    .then(([core, fcose]) => {
      if (!document.getElementById(CYTOSCAPE_STYLESHEET_ID)) {
        const placeholder = document.createElement('meta');
        placeholder.id = CYTOSCAPE_STYLESHEET_ID;
        placeholder.name = 'cytoscape-container-style';
        placeholder.content = 'provided by the app stylesheet';
        document.head.prepend(placeholder);
      }
      core.default.use(fcose.default);
      return core.default;
    })
    .catch((error: unknown) => {
      loading = null; // let a later attempt retry, e.g. after a flaky network
      throw error;
    });
  return loading;
}

/** Starts fetching cytoscape ahead of the first drawing; a failure is reported by that drawing's own load. */
export function preloadCytoscape(): void {
  loadCytoscape().catch(() => {});
}
