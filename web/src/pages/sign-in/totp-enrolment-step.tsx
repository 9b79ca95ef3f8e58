import { Anchor, Image, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TotpEnrolment } from '../../api/auth-api.ts';
import { useObjectUrl } from '../../components/use-object-url.ts';
import { CodeForm } from './code-form.tsx';

interface TotpEnrolmentStepProps {
  enrolment: TotpEnrolment;
  pending: boolean;
  error: unknown;
  onConfirm: (code: string) => void;
}

const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

/** Scan the QR code (or type the key), then prove it worked with the first code the app shows. */
export function TotpEnrolmentStep({ enrolment, pending, error, onConfirm }: TotpEnrolmentStepProps) {
  const { t } = useTranslation();
  const qrUrl = useObjectUrl(enrolment.qrSvg, 'image/svg+xml');
  return (
    <Stack gap="lg">
      <section aria-labelledby="totp-scan-heading">
        <Title order={2} size="h4" id="totp-scan-heading" mb="xs">
          {t('authenticator.scanTitle')}
        </Title>
        <Text mb="sm">{t('authenticator.scanText')}</Text>
        {qrUrl ? (
          <Image src={qrUrl} alt={t('authenticator.qrAlt')} w={200} h={200} fit="contain" bg="white" />
        ) : (
          <Skeleton w={200} h={200} />
        )}
        <TextInput
          mt="md"
          label={t('authenticator.keyLabel')}
          description={t('authenticator.keyHint')}
          value={grouped(enrolment.secret)}
          readOnly
          spellCheck={false}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          onFocus={(event) => event.currentTarget.select()}
        />
        <Anchor href={enrolment.otpauthUri} size="sm" mt="xs" display="inline-block">
          {t('authenticator.openInApp')}
        </Anchor>
      </section>
      <section aria-labelledby="totp-confirm-heading">
        <Title order={2} size="h4" id="totp-confirm-heading" mb="xs">
          {t('authenticator.confirmTitle')}
        </Title>
        <CodeForm
          kind="totp"
          label={t('authenticator.codeLabel')}
          description={t('authenticator.codeHint')}
          submitLabel={t('authenticator.confirm')}
          pending={pending}
          error={error}
          onSubmit={onConfirm}
        />
      </section>
    </Stack>
  );
}
