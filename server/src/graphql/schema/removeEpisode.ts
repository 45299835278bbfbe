// removeEpisode: an episode the podcast withdrew goes, with the papers only it cited (admin token).
import { builder } from '../builder.ts';
import { assertAdmin } from './admin.ts';
import { NotAuthorizedError } from './errors.ts';

interface Removal {
  id: string;
  removed: boolean;
  removedPaperIds: string[];
}

const RemovedEpisodeRef = builder.objectRef<Removal>('RemovedEpisode').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    removed: t.exposeBoolean('removed', { description: 'false when there was no such episode' }),
    removedPapers: t.exposeIDList('removedPaperIds', {
      description: 'Papers no other episode cited, removed with it',
    }),
  }),
});

builder.mutationField('removeEpisode', (t) =>
  t.field({
    type: RemovedEpisodeRef,
    description:
      'Withdraw an episode atomically, with the papers only it cited. Needs `Authorization: Bearer <ADMIN_TOKEN>`.',
    errors: { types: [NotAuthorizedError], union: { name: 'RemoveEpisodeResult' } },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, context) => {
      assertAdmin(context, 'removeEpisode');
      const id = String(args.id);
      const removal = await context.store.removeEpisode(id);
      return { id, removed: removal !== null, removedPaperIds: removal?.removedPaperIds ?? [] };
    },
  }),
);
