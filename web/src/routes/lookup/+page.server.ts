// Batch lookup: a pasted list of references (or an uploaded BibTeX file) → which episodes cover each.
// A form action, so it works without JavaScript and a long list never has to fit in a URL.
import { fail } from '@sveltejs/kit';

import { ApiError } from '#lib/api.ts';
import { MAX_REFS, parseRefList } from '#lib/refList.ts';
import { failWithApiError, serverApi } from '#lib/server/api.ts';

import type { Actions } from './$types';

/** Largest upload or paste read (a BibTeX file of a few hundred entries). */
const MAX_INPUT_BYTES = 512 * 1024;

export const actions: Actions = {
  default: async ({ request, fetch }) => {
    const form = await request.formData();
    const pasted = form.get('refs');
    const file = form.get('file');
    let text = typeof pasted === 'string' ? pasted : '';
    if (file instanceof File && file.size > 0) {
      if (file.size > MAX_INPUT_BYTES)
        return fail(413, { text, problem: `The file "${file.name}" is larger than 512 KB.` });
      text = `${text}\n${await file.text()}`;
    }
    if (text.length > MAX_INPUT_BYTES)
      return fail(413, { text: '', problem: 'The pasted list is larger than 512 KB.' });
    const { refs, problems } = parseRefList(text);
    if (refs.length === 0) {
      return fail(400, {
        text,
        problem:
          problems[0] ?? `Paste up to ${MAX_REFS} arXiv ids, DOIs or paper URLs, one per line.`,
      });
    }
    try {
      const papers = await serverApi(fetch).coverage(refs);
      return { text, problems, rows: refs.map((ref, i) => ({ ref, paper: papers[i] ?? null })) };
    } catch (cause) {
      if (cause instanceof ApiError && cause.kind === 'graphql')
        return fail(400, { text, problem: cause.message });
      failWithApiError(cause);
    }
  },
};
