// The `--peer neo4j-graphql` bench's interleaving: each side's sample is its own answer's, whichever
// side is asked first in a turn.
import { describe, expect, it } from 'vitest';

import { inTurn } from './neo4jGraphqlPeer.ts';

describe('the neo4j-graphql peer bench, asking both sides in turn', () => {
  it('asks papergraph first on even turns and the peer first on odd ones, keeping each answer on its side', async () => {
    for (const turn of [0, 1, 2, 3]) {
      const asked: string[] = [];
      const ask = (side: string) => async () => {
        asked.push(side);
        return side;
      };
      const pair = await inTurn(turn, ask('papergraph'), ask('peer'));
      expect(pair).toEqual(['papergraph', 'peer']);
      expect(asked).toEqual(turn % 2 === 0 ? ['papergraph', 'peer'] : ['peer', 'papergraph']);
    }
  });
});
