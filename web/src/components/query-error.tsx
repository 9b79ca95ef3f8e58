import { Alert, Button, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-client.ts';

/** What a page shows when its data could not be loaded: what happened, and a way to retry. */
export function QueryError({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const { t } = useTranslation();
  const detail =
    error instanceof ApiError
      ? t('common.serverSaid', { detail: error.problem?.detail ?? error.problem?.title ?? error.message })
      : t('common.unreachable');
  return (
    <Alert color="red" title={t('common.errorTitle')} role="alert" variant="light">
      <Text size="sm" mb="sm">
        {detail}
      </Text>
      <Button size="xs" variant="outline" color="red.9" onClick={onRetry}>
        {t('common.retry')}
      </Button>
    </Alert>
  );
}
