// Imports every type module (each registers itself on the builder), then builds the schema.
import './errors.ts';
import './refs.ts';
import './nodeRef.ts';
import './episode.ts';
import './episodeMedia.ts';
import './relations.ts';
import './episodeMap.ts';
import './paper.ts';
import './show.ts';
import './person.ts';
import './node.ts';
import './paperMetadata.ts';
import './graph.ts';
import './paths.ts';
import './search.ts';
import './stats.ts';
import './enrichment.ts';
import './importFeed.ts';
import './feeds.ts';
import './removeEpisode.ts';

import { builder } from '../builder.ts';

builder.queryType({});
builder.mutationType({});

export const schema = builder.toSchema({ sortSchema: true });
