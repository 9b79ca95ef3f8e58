import { Radio, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldProblem } from '../../components/problem-alert.tsx';

export interface ConsentFieldsValue {
  givenBy: 'patient' | 'legalRepresentative';
  representativeRelation: string;
  givenOn: string;
  formVersion: string;
  language: string;
}

export const today = () => new Date().toISOString().slice(0, 10);

export const emptyConsentFields = (language: string): ConsentFieldsValue => ({
  givenBy: 'patient',
  representativeRelation: '',
  givenOn: today(),
  formVersion: '',
  language: language.slice(0, 2),
});

/** The body fields of a consent as the server takes them (attested on paper). */
export const consentBody = (value: ConsentFieldsValue) => ({
  givenBy: value.givenBy,
  representativeRelation: value.givenBy === 'legalRepresentative' ? value.representativeRelation.trim() || null : null,
  givenOn: value.givenOn,
  formVersion: value.formVersion.trim(),
  language: value.language.trim().toLowerCase(),
  evidence: 'attestation' as const,
});

/**
 * Who gave a consent, when, on which form and in which language; `prefix` locates server problems.
 * `evidence` chooses how the signed form is kept; without it (enrolment, before the patient exists) the
 * consent is attested, and the form is attached on the patient's page afterwards.
 */
export function ConsentFields({ value, onChange, error, prefix, evidence }: { value: ConsentFieldsValue; onChange: (value: ConsentFieldsValue) => void; error: unknown; prefix: string; evidence?: ReactNode }) {
  const { t } = useTranslation();
  const set = (patch: Partial<ConsentFieldsValue>) => onChange({ ...value, ...patch });
  const problem = (field: string) => fieldProblem(error, `${prefix}${field}`);
  return (
    <Stack gap="sm">
      <Radio.Group label={t('consent.givenBy')} value={value.givenBy} onChange={(givenBy) => set({ givenBy: givenBy })} required>
        <Stack gap={6} mt={6}>
          <Radio value="patient" label={t('consent.givenByValue.patient')} />
          <Radio value="legalRepresentative" label={t('consent.givenByValue.legalRepresentative')} />
        </Stack>
      </Radio.Group>
      {value.givenBy === 'legalRepresentative' && (
        <TextInput
          label={t('consent.relation')}
          description={t('consent.relationHint')}
          value={value.representativeRelation}
          onChange={(e) => set({ representativeRelation: e.currentTarget.value })}
          required
          error={problem('representativeRelation')}
        />
      )}
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput type="date" label={t('consent.givenOn')} value={value.givenOn} onChange={(e) => set({ givenOn: e.currentTarget.value })} required error={problem('givenOn')} />
        <TextInput label={t('consent.formVersion')} value={value.formVersion} onChange={(e) => set({ formVersion: e.currentTarget.value })} required error={problem('formVersion')} />
        <TextInput
          label={t('consent.language')}
          description={t('consent.languageHint')}
          value={value.language}
          maxLength={2}
          onChange={(e) => set({ language: e.currentTarget.value })}
          required
          error={problem('language')}
        />
      </SimpleGrid>
      {evidence ?? <Text size="sm">{t('consent.enrolmentEvidenceHint')}</Text>}
    </Stack>
  );
}
