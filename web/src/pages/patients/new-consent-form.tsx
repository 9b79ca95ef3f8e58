import { Button, Group, Radio, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { attachmentsQueryKey, recordConsent, uploadConsentForm, type ConsentEvidence, type ConsentKind } from '../../api/consent-api.ts';
import { fieldProblem, ProblemAlert } from '../../components/problem-alert.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { consentBody, ConsentFields, emptyConsentFields } from './consent-fields.tsx';
import { ModelConsentForms } from './model-consent-forms.tsx';
import { SignedFormInput } from './signed-form-input.tsx';

const kinds: ConsentKind[] = ['care', 'ernRegistries', 'researchContact', 'photographs'];
const scoped = (kind: ConsentKind | null) => kind === 'ernRegistries' || kind === 'researchContact';

/**
 * Records a consent the patient (or their representative) signed on paper: either the hospital attests it
 * keeps the signed form, or the form is uploaded first (as the patient's consent-form file) and cited.
 */
export function NewConsentForm({ patientId }: { patientId: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<ConsentKind | null>(null);
  const [scope, setScope] = useState('');
  const [fields, setFields] = useState(() => emptyConsentFields(i18n.language));
  const [evidence, setEvidence] = useState<ConsentEvidence>('attestation');
  const [file, setFile] = useState<File | null>(null);
  const [fileMissing, setFileMissing] = useState(false);
  const [done, setDone] = useState('');
  // A form uploaded by an attempt the server then refused is cited again, not uploaded twice.
  const uploaded = useRef<{ file: File; attachmentId: string } | null>(null);

  const signedFormId = async (signed: File, consentKind: ConsentKind): Promise<string> => {
    if (uploaded.current?.file === signed) return uploaded.current.attachmentId;
    const attachment = await uploadConsentForm(patientId, signed, t('consent.formDescription', { kind: t(`consent.kindValue.${consentKind}`) }));
    uploaded.current = { file: signed, attachmentId: attachment.id };
    await queryClient.invalidateQueries({ queryKey: attachmentsQueryKey(patientId) });
    return attachment.id;
  };

  const record = useMutation({
    mutationFn: async () => {
      const consentKind = kind ?? ('' as ConsentKind);
      const evidenceAttachmentId = evidence === 'upload' && file ? await signedFormId(file, consentKind) : null;
      return recordConsent(patientId, { kind: consentKind, scope: scoped(kind) ? scope.trim() || null : null, ...consentBody(fields), evidence, evidenceAttachmentId });
    },
    onSuccess: (list) => {
      queryClient.setQueryData(['patients', patientId, 'consents'], list);
      setDone(t(evidence === 'upload' ? 'consent.recordedWithForm' : 'consent.recorded'));
      setKind(null);
      setScope('');
      setFields(emptyConsentFields(i18n.language));
      setEvidence('attestation');
      setFile(null);
      uploaded.current = null;
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone('');
    const missing = evidence === 'upload' && file === null;
    setFileMissing(missing);
    if (!missing) record.mutate();
  };

  const evidenceChoice = (
    <Stack gap="sm">
      <Radio.Group label={t('consent.evidence')} value={evidence} onChange={setEvidence} required>
        <Stack gap={6} mt={6}>
          <Radio value="attestation" label={t('consent.evidenceValue.attestation')} />
          <Radio value="upload" label={t('consent.evidenceValue.upload')} />
        </Stack>
      </Radio.Group>
      {evidence === 'upload' && (
        <SignedFormInput value={file} onChange={setFile} error={fileMissing && file === null ? t('consent.chooseSignedForm') : fieldProblem(record.error, 'evidenceAttachmentId')} />
      )}
    </Stack>
  );

  return (
    <form onSubmit={submit} noValidate aria-labelledby="new-consent-heading">
      <Stack gap="sm">
        <ProblemAlert error={record.error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('consent.kind')}
            data={kinds.map((value) => ({ value, label: t(`consent.kindValue.${value}`) }))}
            value={kind}
            onChange={(value) => setKind(value)}
            required
            error={fieldProblem(record.error, 'kind')}
          />
          {scoped(kind) && (
            <TextInput label={t('consent.scope')} description={t('consent.scopeHint')} value={scope} onChange={(e) => setScope(e.currentTarget.value)} required error={fieldProblem(record.error, 'scope')} />
          )}
        </SimpleGrid>
        {kind && <ModelConsentForms kind={kind} language={fields.language} />}
        <ConsentFields value={fields} onChange={setFields} error={record.error} prefix="" evidence={evidenceChoice} />
        <Group>
          <Button type="submit" loading={record.isPending}>
            {t('consent.save')}
          </Button>
        </Group>
        <StatusMessage>{done}</StatusMessage>
      </Stack>
    </form>
  );
}
