// Starts GraphiQL once its bundle has loaded: Monaco's workers come from this server (not blob: or a
// CDN), and styles created by script carry the page's nonce, so the CSP refuses inline markup only.
(() => {
  const here = document.currentScript;
  const assets = here.src.slice(0, here.src.lastIndexOf('/') + 1);
  const nonce = here.nonce;
  const workers = {
    editorWorkerService: 'editor.worker.js',
    json: 'json.worker.js',
    graphql: 'graphql.worker.js',
  };
  self.MonacoEnvironment = {
    globalAPI: false,
    getWorkerUrl: (_moduleId, label) => assets + workers[label],
  };

  const createElement = Document.prototype.createElement;
  Document.prototype.createElement = function (tagName, options) {
    const element = createElement.call(this, tagName, options);
    if (element instanceof HTMLStyleElement) element.nonce = nonce;
    return element;
  };

  document.addEventListener('DOMContentLoaded', () => {
    const options = JSON.parse(document.getElementById('graphiql-options').textContent);
    YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), options);
  });
})();
