import type { z } from 'zod';
import type { FieldProblem } from '../../http/errors.ts';

/** Enough to fix a file; a file with thousands of mistakes does not need them all listed. */
export const MAX_PROBLEMS = 100;

type Issue = z.core.$ZodIssue;

/**
 * zod issues as the API's problems ("body.content.3.onset.age.iso8601duration: an ISO 8601 duration …").
 * A failed union (a time element) reports the branch the input clearly meant — the only one whose
 * mistakes lie inside it rather than at its root — instead of zod's generic "invalid input".
 */
export function zodProblems(error: z.ZodError, prefix: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const visit = (issue: Issue, base: PropertyKey[]) => {
    const path = [...base, ...issue.path];
    if (issue.code === 'invalid_union') {
      const meant = issue.errors.filter((branch) => branch.every((i) => i.path.length > 0));
      if (meant.length === 1) {
        for (const inner of meant[0]!) visit(inner, path);
        return;
      }
    }
    problems.push({ path: [prefix, ...path.map(String)].join('.'), message: issue.message });
  };
  for (const issue of error.issues) visit(issue, []);
  return problems.slice(0, MAX_PROBLEMS);
}
