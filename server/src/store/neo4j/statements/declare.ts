// A Cypher statement is declared once: its text and the type of its parameters. The parameter names
// are read from the text, so the driver's check and the linter's schema always match the statement.

declare const parameterTypes: unique symbol;

export interface CypherStatement<Params extends object> {
  readonly text: string;
  /** The `$names` the text uses, in order of first use. */
  readonly parameters: readonly string[];
  /** Type only: the parameters a caller must pass. */
  readonly [parameterTypes]?: Params;
}

type NoParams = Record<never, never>;

export type ParamsOf<S> = S extends CypherStatement<infer Params> ? Params : never;

/** A parameter reference; the lint test checks this reading against Neo4j's own parser. */
const PARAMETER = /\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** Declares a statement taking `Params` (none when omitted). */
export function cypher<Params extends object = NoParams>(text: string): CypherStatement<Params> {
  const parameters = [...new Set(Array.from(text.matchAll(PARAMETER), (match) => match[1]!))];
  return { text, parameters };
}
