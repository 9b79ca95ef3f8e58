import { Anchor, Card, Text, Title } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useSignedInSession } from '../../auth/use-session.ts';

/** Whether the account has an authenticator, and the way to set one up or replace it. */
export function AuthenticatorCard() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const navigate = useNavigate();
  const enrolled = session.secondFactor.enrolled;
  const href = '/sign-in/authenticator?returnTo=%2Fprofile';
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="authenticator-heading">
      <Title order={2} size="h4" id="authenticator-heading" mb="xs">
        {t('profile.authenticatorTitle')}
      </Title>
      <Text mb="sm">{enrolled ? t('profile.authenticatorOn') : t('profile.authenticatorOff')}</Text>
      <Anchor
        href={href}
        fw={600}
        onClick={(event) => {
          event.preventDefault();
          void navigate({ href });
        }}
      >
        {enrolled ? t('profile.authenticatorReplace') : t('profile.authenticatorSetUp')}
      </Anchor>
    </Card>
  );
}
