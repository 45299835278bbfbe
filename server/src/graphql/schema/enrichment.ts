// Where the background metadata enrichment stands (metadata/enrichment.ts).
import type { EnrichmentStatus } from '../../metadata/enrichment.ts';
import { builder } from '../builder.ts';

const EnrichmentRef = builder.objectRef<EnrichmentStatus>('Enrichment').implement({
  description: 'Paper metadata fetched in the background from Semantic Scholar and arXiv.',
  fields: (t) => ({
    pending: t.exposeInt('pending', {
      description: 'Papers of the graph with no metadata fetched within the refresh age',
    }),
    done: t.exposeInt('done', {
      description: 'Papers of the graph fetched within the refresh age',
    }),
    failed: t.exposeInt('failed', {
      description: 'Papers whose last attempt failed; tried again later',
    }),
    lastError: t.exposeString('lastError', { nullable: true }),
  }),
});

builder.queryField('enrichment', (t) =>
  t.field({
    type: EnrichmentRef,
    nullable: true,
    description: 'Null when enrichment is turned off (ENRICH=false).',
    resolve: (_root, _args, context) => context.enrichment?.status() ?? null,
  }),
);
