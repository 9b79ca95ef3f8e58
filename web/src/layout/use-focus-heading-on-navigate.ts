import { useRouter } from '@tanstack/react-router';
import { useEffect } from 'react';

/**
 * After a client-side navigation, moves focus to the new page's heading, so keyboard and screen
 * reader users land on the new content (as a full page load would). The first load is left alone.
 */
export function useFocusHeadingOnNavigate(): void {
  const router = useRouter();
  useEffect(
    () =>
      router.subscribe('onRendered', (event) => {
        if (!event.fromLocation || !event.pathChanged) return;
        document.querySelector<HTMLElement>('main h1')?.focus();
      }),
    [router],
  );
}
