import { Alert, Button, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-client.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';

export const isConflict = (error: unknown) => error instanceof ApiError && error.status === 409;

/** A failed save: a conflict (someone else saved first) offers to reload; anything else says why. */
export function SaveProblem({ error, onReload }: { error: unknown; onReload: () => void }) {
  const { t } = useTranslation();
  if (!isConflict(error)) return <ProblemAlert error={error} title={t('record.saveFailed')} />;
  return (
    <Alert color="orange" variant="light" role="alert" title={t('record.conflictTitle')}>
      <Text size="sm" mb="sm">
        {t('record.conflictText')}
      </Text>
      <Button size="xs" variant="outline" color="orange.9" onClick={onReload}>
        {t('record.reload')}
      </Button>
    </Alert>
  );
}
