// The one wink-nlp instance of the process: the English model takes about half a second to load, so
// it loads on first use and is shared by tokenizing and vectorizing.
import model from 'wink-eng-lite-web-model';
import winkNLP, { type WinkMethods } from 'wink-nlp';

let loaded: WinkMethods | null = null;

/**
 * Tokens with parts of speech (which need sentences); entity and sentiment passes are not needed.
 */
export function wink(): WinkMethods {
  loaded ??= winkNLP(model, ['sbd', 'pos']);
  return loaded;
}
