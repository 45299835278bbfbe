import type { ImportResult } from '../../domain/model.ts';
import { ImportError } from '../../import/errors.ts';
import { importWithGuidIdentity } from '../../import/guidIdentity.ts';
import { builder } from '../builder.ts';
import { assertAdmin } from './admin.ts';
import { NotAuthorizedError } from './errors.ts';

const FeedFormatEnum = builder.enumType('FeedFormat', {
  values: {
    AUTO: { description: 'Detect from the content' },
    PAGE: { description: 'The podcast web page as text' },
    RSS: { description: 'RSS 2.0 with the iTunes namespace' },
    JSON: { description: "papergraph's own export" },
  },
});

const ImportSummaryRef = builder.objectRef<ImportResult>('ImportSummary').implement({
  description: 'Episode ids by what the import did to them.',
  fields: (t) => ({
    added: t.exposeIDList('added'),
    updated: t.exposeIDList('updated'),
    unchanged: t.exposeIDList('unchanged'),
  }),
});

builder.mutationField('importFeed', (t) =>
  t.field({
    type: ImportSummaryRef,
    description:
      'Import a feed atomically and idempotently. Needs `Authorization: Bearer <ADMIN_TOKEN>`.',
    errors: { types: [NotAuthorizedError, ImportError], union: { name: 'ImportFeedResult' } },
    args: {
      content: t.arg.string({ required: true }),
      format: t.arg({ type: FeedFormatEnum, defaultValue: 'AUTO' }),
    },
    resolve: async (_root, args, context) => {
      assertAdmin(context, 'importFeed');
      // Loaded by the first import, so that a start does not pay for the whole pipeline.
      const { importFeedContent } = await import('../../import/pipeline.ts');
      const batch = await importFeedContent(args.content, {
        format: args.format,
        file: 'importFeed',
      });
      return importWithGuidIdentity(context.store, batch);
    },
  }),
);
