import { Group, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A polite, announced loading indicator. */
export function LoadingState() {
  const { t } = useTranslation();
  return (
    <Group gap="sm" role="status" aria-live="polite">
      <Loader size="sm" aria-hidden />
      <Text size="sm">{t('common.loading')}</Text>
    </Group>
  );
}
