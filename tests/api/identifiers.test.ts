// The identifier table: every form a person may hold for a seed paper, asked through GraphQL on every
// store (Neo4j when configured), lands on the one stored paper.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { PaperRecord } from '../../server/src/domain/model.ts';
import { arxivPaper, batchOf, episode } from '../helpers/batchBuilder.ts';
import { storeFactories } from '../helpers/stores.ts';
import { createTestApi, type TestApi } from './testApi.ts';

const DPO = 'arxiv:2305.18290';
const AGENTIC = 'url:https://anthropic.com/research/agentic-misalignment';
const TOY_MODELS = 'url:https://transformer-circuits.pub/2022/toy_model';
const ALPHAGO = 'doi:10.1038/nature16961';

const TABLE: [form: string, paperId: string][] = [
  // arXiv: ids, pages, versions, the DataCite DOI
  ['https://arxiv.org/abs/2305.18290', DPO],
  ['arxiv.org/pdf/2305.18290v3.pdf', DPO],
  ['https://arxiv.org/pdf/2305.18290', DPO],
  ['https://arxiv.org/html/2305.18290v2', DPO],
  ['http://export.arxiv.org/abs/2305.18290', DPO],
  ['arXiv:2305.18290v2', DPO],
  ['2305.18290', DPO],
  ['https://doi.org/10.48550/arXiv.2305.18290', DPO],
  ['DOI:10.48550/ARXIV.2305.18290', DPO],
  [DPO, DPO],
  // arXiv mirrors and aggregators
  ['https://huggingface.co/papers/2305.18290', DPO],
  ['https://www.alphaxiv.org/abs/2305.18290', DPO],
  ['https://www.alphaxiv.org/overview/2305.18290v3', DPO],
  ['https://www.semanticscholar.org/arxiv/2305.18290', DPO],
  ['https://api.semanticscholar.org/arXiv:2305.18290', DPO],
  ['https://ar5iv.labs.arxiv.org/html/2305.18290', DPO],
  ['https://ar5iv.org/abs/2305.18290', DPO],
  ['https://www.arxiv-vanity.com/papers/2305.18290/', DPO],
  ['https://scirate.com/arxiv/2305.18290', DPO],
  ['https://papers.cool/arxiv/2305.18290', DPO],
  ['papers.cool/arxiv/2305.18290v1', DPO],
  ['https://paperswithcode.co/paper/2305.18290', DPO],
  // pasted with its surroundings
  ['<https://arxiv.org/abs/2305.18290>', DPO],
  ['(arXiv:2305.18290).', DPO],
  ['"https://huggingface.co/papers/2305.18290",', DPO],
  // plain links: scheme, www, tracking, trailing slash and punctuation
  ['https://www.anthropic.com/research/agentic-misalignment', AGENTIC],
  ['http://anthropic.com/research/agentic-misalignment', AGENTIC],
  ['http://www.anthropic.com/research/agentic-misalignment/', AGENTIC],
  [
    'https://www.anthropic.com/research/agentic-misalignment?utm_source=newsletter&utm_medium=email',
    AGENTIC,
  ],
  ['https://anthropic.com/research/agentic-misalignment?fbclid=IwAR0xyz#summary', AGENTIC],
  ['<https://www.anthropic.com/research/agentic-misalignment>.', AGENTIC],
  ['anthropic.com/research/agentic-misalignment', AGENTIC],
  [AGENTIC, AGENTIC],
  // a folder and its index.html
  ['https://transformer-circuits.pub/2022/toy_model/index.html', TOY_MODELS],
  ['https://transformer-circuits.pub/2022/toy_model/', TOY_MODELS],
  ['http://transformer-circuits.pub/2022/toy_model', TOY_MODELS],
  // DOIs
  ['10.1038/nature16961', ALPHAGO],
  ['doi:10.1038/NATURE16961', ALPHAGO],
  ['https://doi.org/10.1038/nature16961', ALPHAGO],
  ['http://dx.doi.org/10.1038/nature16961', ALPHAGO],
  ['https://www.doi.org/10.1038%2Fnature16961', ALPHAGO],
  ['(doi:10.1038/nature16961)', ALPHAGO],
];

const PAPER = /* GraphQL */ `
  query Paper($ref: String!) {
    paper(ref: $ref) {
      id
    }
  }
`;

/** An OpenReview paper, stored under its forum (the key the importer gives any of its links). */
const OPENREVIEW_PAPER: PaperRecord = {
  id: 'url:https://openreview.net/forum?id=HyxCxhRcY7',
  title: 'Deep Anomaly Detection with Outlier Exposure',
  url: 'https://openreview.net/forum?id=HyxCxhRcY7',
  arxivId: null,
  doi: null,
  aliases: ['https://openreview.net/forum?id=HyxCxhRcY7'],
};

/** Aggregator pages about DPO that are not the paper: none of them may resolve to it. */
const NOT_DPO = [
  'https://papers.cool/arxiv/kimi?paper=2305.18290',
  'https://paperswithcode.com/paper/direct-preference-optimization-your-language',
  'https://paperswithcode.co/paper/102599',
];

/** A paper under the key an earlier normaliser gave it (http kept, index.html kept). */
const FORMER_KEY: PaperRecord = {
  id: 'url:http://example.org/essays/scaling/index.html',
  title: 'An essay stored before http and https were one',
  url: 'http://example.org/essays/scaling/index.html',
  arxivId: null,
  doi: null,
  aliases: ['http://example.org/essays/scaling/index.html'],
};

for (const factory of storeFactories()) {
  describe.skipIf(factory.skipReason !== undefined)(
    `identifier table through GraphQL (${factory.name}${factory.skipReason ? `: ${factory.skipReason}` : ''})`,
    () => {
      let api: TestApi;
      beforeAll(async () => {
        api = await createTestApi({ store: await factory.create() });
      });
      afterAll(async () => {
        await api?.close();
        await factory.cleanup();
      });

      it.each(TABLE)('%s → %s', async (form, paperId) => {
        const { data, errors } = await api.query(PAPER, { ref: form });
        expect(errors).toBeUndefined();
        expect(data?.paper?.id).toBe(paperId);
      });

      it('finds an OpenReview paper from its forum, its PDF, a reply and papers.cool', async () => {
        const source = arxivPaper('2501.00002', 'OpenReview fixture source');
        await api.store.importBatch(
          batchOf(
            [episode({ title: 'OpenReview', source, recommends: [OPENREVIEW_PAPER] })],
            [source, OPENREVIEW_PAPER],
          ),
        );
        for (const form of [
          'https://openreview.net/forum?id=HyxCxhRcY7',
          'https://openreview.net/pdf?id=HyxCxhRcY7',
          'openreview.net/forum?id=HyxCxhRcY7&noteId=SJxMnvV6h7',
          'http://www.openreview.net/forum?id=HyxCxhRcY7&referrer=%5BTasks%5D',
          'https://papers.cool/venue/HyxCxhRcY7@OpenReview',
        ]) {
          const { data, errors } = await api.query(PAPER, { ref: form });
          expect(errors, form).toBeUndefined();
          expect(data?.paper?.id, form).toBe(OPENREVIEW_PAPER.id);
        }
      });

      it.each(NOT_DPO)('%s is a page about the paper, not the paper', async (form) => {
        const { data, errors } = await api.query(PAPER, { ref: form });
        expect(errors).toBeUndefined();
        expect(data?.paper).toBeNull();
      });

      it('still resolves a paper stored under a former key from its new spellings', async () => {
        const source = arxivPaper('2501.00001', 'Former-key fixture source');
        await api.store.importBatch(
          batchOf(
            [episode({ title: 'Former key', source, recommends: [FORMER_KEY] })],
            [source, FORMER_KEY],
          ),
        );
        for (const form of [
          'https://example.org/essays/scaling',
          'http://www.example.org/essays/scaling/',
          'https://example.org/essays/scaling/index.html?utm_source=x',
        ]) {
          const { data } = await api.query(PAPER, { ref: form });
          expect(data?.paper?.id, form).toBe(FORMER_KEY.id);
        }
      });
    },
  );
}
