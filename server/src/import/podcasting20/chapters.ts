// podcast:chapters files (the namespace's JSON chapters format): each chapter's start, title, image and
// link. The titles and links are show notes too: a chapter often links the paper it discusses.
import { z } from 'zod';

import { webUrlSchema } from '../../domain/model.ts';
import { ImportError, type ImportIssue } from '../errors.ts';
import { collapseWhitespace, excerpt } from '../text.ts';

export interface Chapter {
  /** Seconds from the start of the audio. */
  start: number;
  end: number | null;
  title?: string;
  url?: string;
  imageUrl: string | null;
  /** False for chapters the namespace hides from a table of contents (`toc: false`). */
  listed: boolean;
}

const FIELD = 'podcast:chapters';

const chaptersSchema = z.object({
  version: z.string(),
  chapters: z.array(
    z.object({
      startTime: z.number().nonnegative(),
      endTime: z.number().nonnegative().optional(),
      title: z.string().optional(),
      img: z.string().optional(),
      url: z.string().optional(),
      toc: z.boolean().optional(),
    }),
  ),
});

export interface ParsedChapters {
  chapters: Chapter[];
  /** Chapter links or images that are not web links (the chapter is kept without them). */
  problems: ImportIssue[];
}

/** The chapters of a JSON chapters file; ImportError naming each place the file breaks the format. */
export function parseChapters(text: string): ParsedChapters {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ImportError([
      {
        field: FIELD,
        message: `JSON chapters: ${error instanceof Error ? error.message : String(error)}`,
      },
    ]);
  }
  const parsed = chaptersSchema.safeParse(json);
  if (!parsed.success)
    throw new ImportError(
      parsed.error.issues.map((issue) => ({
        field: FIELD,
        message: `JSON chapters at ${issue.path.length > 0 ? issue.path.join('.') : 'the top level'}: ${issue.message}`,
      })),
    );
  const problems: ImportIssue[] = [];
  const link = (value: string | undefined, where: string): string | null => {
    if (value === undefined) return null;
    if (webUrlSchema.safeParse(value).success) return value;
    problems.push({ field: FIELD, message: `${where}: "${excerpt(value)}" is not a web link` });
    return null;
  };
  const chapters = parsed.data.chapters.map((chapter, index): Chapter => {
    const title = chapter.title === undefined ? '' : collapseWhitespace(chapter.title);
    const url = link(chapter.url, `chapters.${index}.url`);
    return {
      start: chapter.startTime,
      end: chapter.endTime ?? null,
      ...(title === '' ? {} : { title }),
      ...(url === null ? {} : { url }),
      imageUrl: link(chapter.img, `chapters.${index}.img`),
      listed: chapter.toc ?? true,
    };
  });
  return { chapters, problems };
}
