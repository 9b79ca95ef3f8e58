import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-client.ts';

/** The text a person reads for a failed request: the server's own `detail` where there is one. */
export function useProblemText(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error) => {
    if (error instanceof ApiError) return error.problem?.detail ?? error.problem?.title ?? t('common.failedStatus', { status: error.status });
    return t('common.unreachable');
  };
}

/**
 * Why an action did not work, announced at once (role="alert"). Renders nothing without an error, so
 * it can stay in place and speak up when the error appears.
 */
export function ProblemAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  const text = useProblemText();
  if (!error) return null;
  return (
    <Alert color="red" variant="light" role="alert" title={title ?? t('common.actionFailed')}>
      {text(error)}
    </Alert>
  );
}

/** The message of a field the server named in its problem details (path "body.<field>"), if any. */
export function fieldProblem(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.problem?.problems?.find((problem) => problem.path === `body.${field}`)?.message;
}
