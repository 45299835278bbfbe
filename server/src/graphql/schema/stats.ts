import type { Stats } from '../../domain/model.ts';
import { builder } from '../builder.ts';

const StatsRef = builder.objectRef<Stats>('Stats').implement({
  fields: (t) => ({
    episodes: t.exposeInt('episodes'),
    papers: t.exposeInt('papers'),
    citations: t.exposeInt('citations', { description: 'Source and recommended-reading links' }),
    lastChangedAt: t.string({
      nullable: true,
      description:
        'When an import or removeEpisode last changed the graph (ISO-8601 UTC); null before any recorded change',
      resolve: (_stats, _args, context) => context.store.graphChangedAt(),
    }),
  }),
});

builder.queryField('stats', (t) =>
  t.field({ type: StatsRef, resolve: (_root, _args, context) => context.store.stats() }),
);
