import { Button, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { recordConsent, type ConsentKind } from '../../api/consent-api.ts';
import { fieldProblem, ProblemAlert } from '../../components/problem-alert.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { consentBody, ConsentFields, emptyConsentFields } from './consent-fields.tsx';

const kinds: ConsentKind[] = ['care', 'ernRegistries', 'researchContact', 'photographs'];
const scoped = (kind: ConsentKind | null) => kind === 'ernRegistries' || kind === 'researchContact';

/** Records a consent the patient (or their representative) signed on paper. */
export function NewConsentForm({ patientId }: { patientId: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<ConsentKind | null>(null);
  const [scope, setScope] = useState('');
  const [fields, setFields] = useState(() => emptyConsentFields(i18n.language));
  const [done, setDone] = useState('');
  const record = useMutation({
    mutationFn: () => recordConsent(patientId, { kind: kind ?? ('' as ConsentKind), scope: scoped(kind) ? scope.trim() || null : null, ...consentBody(fields) }),
    onSuccess: (list) => {
      queryClient.setQueryData(['patients', patientId, 'consents'], list);
      setDone(t('consent.recorded'));
      setKind(null);
      setScope('');
      setFields(emptyConsentFields(i18n.language));
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone('');
    record.mutate();
  };
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
        <ConsentFields value={fields} onChange={setFields} error={record.error} prefix="" />
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
