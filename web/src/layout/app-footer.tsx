import { Group, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { healthQuery } from '../api/queries.ts';
import classes from './layout.module.css';

/** Product name, the running version (as the server reports it) and the licence. */
export function AppFooter() {
  const { t } = useTranslation();
  const { data, isError } = useQuery(healthQuery);
  const version = data
    ? t('layout.footer.version', { version: data.version })
    : isError
      ? t('layout.footer.versionUnknown')
      : null;
  return (
    <Group className={classes.bar} justify="space-between" gap="xs">
      <Text size="sm">
        {t('app.name')}
        {version && ` · ${version}`}
      </Text>
      <Text size="sm" c="dimmed">
        {t('layout.footer.licence')}
      </Text>
    </Group>
  );
}
