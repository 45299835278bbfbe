// wink-nlp declares its utilities under extensionless names, but Node's ES module loader needs the
// file name (the package has no exports map): the same declarations under the names Node loads.
declare module 'wink-nlp/utilities/bm25-vectorizer.js' {
  import bm25Vectorizer from 'wink-nlp/utilities/bm25-vectorizer';
  export default bm25Vectorizer;
}

declare module 'wink-nlp/utilities/similarity.js' {
  import similarity from 'wink-nlp/utilities/similarity';
  export default similarity;
}
