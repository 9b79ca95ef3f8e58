import { Alert, Anchor, Button, Checkbox, List, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useObjectUrl } from '../../components/use-object-url.ts';
import classes from './sign-in.module.css';

/** The ten recovery codes, shown this once; the person confirms they saved them before going on. */
export function RecoveryCodesStep({ codes, onDone, pending }: { codes: string[]; onDone: () => void; pending: boolean }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  const [reminded, setReminded] = useState(false);
  const fileUrl = useObjectUrl(`${t('authenticator.fileHeading')}\n\n${codes.join('\n')}\n`, 'text/plain');
  const finish = () => {
    if (saved) onDone();
    else setReminded(true);
  };
  return (
    <Stack gap="md" component="section" aria-labelledby="recovery-codes-heading">
      <Alert color="teal" variant="light" role="status" title={t('authenticator.doneTitle')}>
        {t('authenticator.doneText')}
      </Alert>
      <Title order={2} size="h4" id="recovery-codes-heading">
        {t('authenticator.codesTitle')}
      </Title>
      <Text>{t('authenticator.codesText')}</Text>
      <List type="ordered" className={classes.codes} aria-label={t('authenticator.codesTitle')}>
        {codes.map((code) => (
          <List.Item key={code}>
            <code>{code}</code>
          </List.Item>
        ))}
      </List>
      {fileUrl && (
        <Anchor href={fileUrl} download="open-cpms-recovery-codes.txt" fw={600}>
          {t('authenticator.download')}
        </Anchor>
      )}
      <Checkbox
        label={t('authenticator.savedCheckbox')}
        checked={saved}
        onChange={(event) => setSaved(event.currentTarget.checked)}
        error={reminded && !saved ? t('authenticator.savedMissing') : undefined}
      />
      <Button onClick={finish} loading={pending}>
        {t('authenticator.continue')}
      </Button>
    </Stack>
  );
}
