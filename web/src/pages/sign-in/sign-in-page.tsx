import { Alert, Button, Card, Divider, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { authOptionsQuery, oidcStartHref } from '../../api/auth-options.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { LocalSignInForm } from './local-sign-in-form.tsx';
import type { SignInSearch } from '../../auth/sign-in-search.ts';
import { signInErrorMessage } from './sign-in-error.ts';

/** Sign in: with the identity provider (e.g. EU Login) and/or a local account, as the platform allows. */
export function SignInPage({ returnTo, error, signedOut }: SignInSearch) {
  const { t } = useTranslation();
  const options = useQuery(authOptionsQuery);
  const oidc = options.data?.oidc;
  const local = options.data?.localAccounts;
  return (
    <Stack gap="md" maw="28rem">
      <div>
        <PageHeading>{t('signIn.title')}</PageHeading>
        <Text>{t('signIn.intro')}</Text>
      </div>
      {signedOut && (
        <Alert color="teal" variant="light" role="status" title={t('signIn.signedOutTitle')}>
          {t('signIn.signedOut')}
        </Alert>
      )}
      {error && (
        <Alert color="red" variant="light" role="alert" title={t('signIn.failed')}>
          {signInErrorMessage(t, error)}
        </Alert>
      )}
      {options.isPending && <LoadingState />}
      {options.error && <QueryError error={options.error} onRetry={() => void options.refetch()} />}
      {oidc && (
        <Button component="a" href={oidcStartHref(returnTo)} size="md">
          {t('signIn.withProvider', { provider: oidc.displayName })}
        </Button>
      )}
      {oidc && local && <Divider label={t('signIn.or')} labelPosition="center" />}
      {local && (
        <Card withBorder padding="lg" component="section" aria-labelledby="local-sign-in-heading">
          <Title order={2} size="h4" id="local-sign-in-heading" mb="sm">
            {t('signIn.localTitle')}
          </Title>
          <LocalSignInForm returnTo={returnTo} />
        </Card>
      )}
      {options.data && !oidc && !local && (
        <Alert color="gray" variant="light" role="status">
          {t('signIn.noMethod')}
        </Alert>
      )}
      <Text size="sm" c="dimmed">
        {t('signIn.newHere')}
      </Text>
    </Stack>
  );
}
