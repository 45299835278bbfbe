// Argument validators shared by several fields.
import { z } from 'zod';

export const countArg = (max: number) => z.number().int().min(1).max(max);
export const nonNegativeArg = (max: number) => z.number().int().min(0).max(max);
export const textArg = (max: number) => z.string().trim().min(1).max(max);
