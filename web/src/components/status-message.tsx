import { Text } from '@mantine/core';

/**
 * A polite live region that is always in the page, so the message is announced when it appears
 * (a region inserted together with its text is often not read out).
 */
export function StatusMessage({ children }: { children: string | false | null | undefined }) {
  return (
    <Text role="status" aria-live="polite" size="sm" fw={500} c="teal.9">
      {children || ''}
    </Text>
  );
}
