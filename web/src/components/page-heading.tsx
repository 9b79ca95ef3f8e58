import { Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';

/**
 * The page's one h1, which also names the browser tab. It can take focus (not by Tab) so that
 * focus lands here after a client-side navigation.
 */
export function PageHeading({ children }: { children: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t('app.pageTitle', { page: children }));
  return (
    <Title order={1} tabIndex={-1} mb="sm">
      {children}
    </Title>
  );
}
