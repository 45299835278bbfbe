import type { Stats } from '../../domain/model.ts';
import { builder } from '../builder.ts';

const StatsRef = builder.objectRef<Stats>('Stats').implement({
  fields: (t) => ({
    episodes: t.exposeInt('episodes'),
    papers: t.exposeInt('papers'),
    citations: t.exposeInt('citations', { description: 'Source and recommended-reading links' }),
  }),
});

builder.queryField('stats', (t) =>
  t.field({ type: StatsRef, resolve: (_root, _args, context) => context.store.stats() }),
);
