import { Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { healthQuery } from '../api/queries.ts';
import classes from './layout.module.css';

/**
 * Marks every page of a training installation, so nobody mistakes it for the real system
 * (or enters real patient data). Production shows nothing.
 */
export function EnvironmentBanner() {
  const { t } = useTranslation();
  const { data } = useQuery(healthQuery);
  if (data?.environment !== 'training') return null;
  return (
    <section className={classes.trainingBanner} aria-label={t('environment.regionLabel')}>
      <Text fw={700} size="sm" span>
        {t('environment.training')}
      </Text>
      <Text size="sm" span visibleFrom="sm">
        {' · '}
        {t('environment.trainingHint')}
      </Text>
    </section>
  );
}
