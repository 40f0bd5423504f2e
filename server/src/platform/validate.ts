import type { z } from 'zod';
import { AppError } from './errors';

/** Parses untrusted input with a zod schema or throws a `bad_request` AppError listing the problems. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw AppError.fromZod(result.error);
  return result.data;
}
