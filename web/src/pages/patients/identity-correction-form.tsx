import { Button, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-client.ts';
import { updateIdentity, type PatientDetail, type PatientIdentity } from '../../api/patients-api.ts';
import { Dialog } from '../../components/dialog.tsx';
import { fieldProblem, ProblemAlert } from '../../components/problem-alert.tsx';

type Fields = Record<keyof PatientIdentity, string>;

const fieldsOf = (identity: PatientIdentity): Fields => ({ ...identity, nationalId: identity.nationalId ?? '' });

/** The form itself, mounted each time the dialog opens, so it starts from the identity as it is now. */
function IdentityCorrectionForm({ patient, identity, onCancel, onCorrected }: { patient: PatientDetail; identity: PatientIdentity; onCancel: () => void; onCorrected: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [fields, setFields] = useState<Fields>(() => fieldsOf(identity));
  const correct = useMutation({
    mutationFn: () => updateIdentity(patient.id, { ...fields, nationalId: fields.nationalId.trim() || null }),
    onSuccess: (detail) => {
      queryClient.setQueryData(['patients', patient.id, 'detail'], detail);
      onCorrected();
    },
  });
  const duplicate = correct.error instanceof ApiError && correct.error.status === 409;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    correct.mutate();
  };
  const field = (name: keyof Fields, required = true) => ({
    label: t(`patients.identityField.${name}`),
    value: fields[name],
    onChange: (e: ChangeEvent<HTMLInputElement>) => setFields({ ...fields, [name]: e.currentTarget.value }),
    required,
    autoComplete: 'off',
    error: name === 'recordNumber' && duplicate ? t('identityCorrection.recordNumberTaken') : fieldProblem(correct.error, name),
  });
  return (
    <form onSubmit={submit} noValidate aria-label={t('identityCorrection.title')}>
      <Stack gap="sm">
        <Text size="sm">{t('identityCorrection.intro')}</Text>
        <ProblemAlert error={correct.error} title={duplicate ? t('identityCorrection.duplicate') : t('identityCorrection.failed')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput {...field('givenName')} />
          <TextInput {...field('familyName')} />
          <TextInput type="date" {...field('dateOfBirth')} />
          <TextInput {...field('recordNumber')} />
          <TextInput {...field('nationalId', false)} />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={correct.isPending}>
            {t('identityCorrection.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * Corrects the patient's identifying data (the enrolling hospital's staff): re-encrypted by the server.
 * A record number another patient of the hospital already has is refused (409) and said so at the field.
 */
export function IdentityCorrectionDialog({ patient, opened, onClose, onCorrected }: { patient: PatientDetail; opened: boolean; onClose: () => void; onCorrected: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog opened={opened} onClose={onClose} title={t('identityCorrection.title')} size="lg">
      {patient.identity && <IdentityCorrectionForm patient={patient} identity={patient.identity} onCancel={onClose} onCorrected={onCorrected} />}
    </Dialog>
  );
}
