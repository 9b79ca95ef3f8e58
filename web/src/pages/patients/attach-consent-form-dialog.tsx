import { Button, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { attachConsentEvidence, attachmentsQueryKey, uploadConsentForm, type ConsentView } from '../../api/consent-api.ts';
import { Dialog } from '../../components/dialog.tsx';
import { fieldProblem, ProblemAlert } from '../../components/problem-alert.tsx';
import { SignedFormInput } from './signed-form-input.tsx';

/** Attaches the signed form to a consent recorded on attestation (such as the care consent of enrolment). */
export function AttachConsentFormDialog({ patientId, consent, onClose }: { patientId: string; consent: ConsentView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [fileMissing, setFileMissing] = useState(false);
  const uploaded = useRef<{ file: File; attachmentId: string } | null>(null);
  const kind = consent ? t(`consent.kindValue.${consent.kind}`) : '';

  const attach = useMutation({
    mutationFn: async ({ consentId, signed }: { consentId: string; signed: File }) => {
      if (uploaded.current?.file !== signed) {
        const attachment = await uploadConsentForm(patientId, signed, t('consent.formDescription', { kind }));
        uploaded.current = { file: signed, attachmentId: attachment.id };
        await queryClient.invalidateQueries({ queryKey: attachmentsQueryKey(patientId) });
      }
      return attachConsentEvidence(patientId, consentId, uploaded.current.attachmentId);
    },
    onSuccess: (list) => {
      queryClient.setQueryData(['patients', patientId, 'consents'], list);
      close();
    },
  });
  function close() {
    setFile(null);
    setFileMissing(false);
    uploaded.current = null;
    attach.reset();
    onClose();
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFileMissing(file === null);
    if (consent && file) attach.mutate({ consentId: consent.id, signed: file });
  };
  return (
    <Dialog opened={consent !== null} onClose={close} title={t('consent.attachTitle')}>
      <form onSubmit={submit} noValidate aria-label={t('consent.attachTitle')}>
        <Stack gap="sm">
          <Text>{t('consent.attachIntro', { kind })}</Text>
          <ProblemAlert error={attach.error} />
          <SignedFormInput value={file} onChange={setFile} error={fileMissing && file === null ? t('consent.chooseSignedForm') : fieldProblem(attach.error, 'attachmentId')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={attach.isPending}>
              {t('consent.attach')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
