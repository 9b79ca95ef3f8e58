import { useSearch } from '@tanstack/react-router';

/**
 * The current page's search, through the same validator its route uses. (Reading it through the
 * route's own typed hook makes the route's type depend on itself, which the type-aware lint reads as any.)
 */
export function useValidatedSearch<T>(validate: (search: Record<string, unknown>) => T): T {
  const search: Record<string, unknown> = useSearch({ strict: false });
  return validate(search);
}
