import { Button, FileInput, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { allConsentTemplatesQuery, publishConsentTemplate, type ConsentKind, type ConsentTemplateView } from '../../api/consent-api.ts';
import { ernListQuery } from '../../api/queries.ts';
import { fieldProblem, ProblemAlert } from '../../components/problem-alert.tsx';

const kinds: ConsentKind[] = ['care', 'ernRegistries', 'researchContact', 'photographs'];

/** Publishes a model consent form: kind, network (or every network), language, version, title, and the PDF. */
export function NewConsentTemplateForm({ onPublished }: { onPublished: (template: ConsentTemplateView) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const erns = useQuery(ernListQuery);
  const [kind, setKind] = useState<ConsentKind | null>(null);
  const [ernId, setErnId] = useState<string | null>(null);
  const [language, setLanguage] = useState('');
  const [version, setVersion] = useState('');
  const [title, setTitle] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [fileMissing, setFileMissing] = useState(false);
  const publish = useMutation({
    mutationFn: (pdf: File) => publishConsentTemplate({ kind: kind ?? ('' as ConsentKind), ernId: ernId ?? undefined, language: language.trim().toLowerCase(), version: version.trim(), title: title.trim() }, pdf),
    onSuccess: async (template) => {
      setKind(null);
      setErnId(null);
      setLanguage('');
      setVersion('');
      setTitle('');
      setFile(null);
      await queryClient.invalidateQueries({ queryKey: allConsentTemplatesQuery.queryKey });
      await queryClient.invalidateQueries({ queryKey: ['consent-templates'] });
      onPublished(template);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFileMissing(file === null);
    if (file) publish.mutate(file);
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="new-template-heading">
      <Stack gap="sm">
        <ProblemAlert error={publish.error} title={t('consentTemplates.publishFailed')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('consentTemplates.kind')}
            data={kinds.map((value) => ({ value, label: t(`consent.kindValue.${value}`) }))}
            value={kind}
            onChange={(value) => setKind(value)}
            required
            error={fieldProblem(publish.error, 'kind')}
          />
          <Select
            label={t('consentTemplates.network')}
            description={t('consentTemplates.networkHint')}
            placeholder={t('consentTemplates.everyNetwork')}
            data={(erns.data?.erns ?? []).map((ern) => ({ value: ern.id, label: ern.code.toUpperCase() }))}
            value={ernId}
            onChange={setErnId}
            searchable
            clearable
            error={fieldProblem(publish.error, 'ernId')}
          />
          <TextInput label={t('consent.language')} description={t('consent.languageHint')} value={language} maxLength={2} onChange={(e) => setLanguage(e.currentTarget.value)} required error={fieldProblem(publish.error, 'language')} />
          <TextInput label={t('consent.formVersion')} description={t('consentTemplates.versionHint')} value={version} onChange={(e) => setVersion(e.currentTarget.value)} required error={fieldProblem(publish.error, 'version')} />
        </SimpleGrid>
        <TextInput label={t('consentTemplates.formTitle')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required error={fieldProblem(publish.error, 'title')} />
        <FileInput
          label={t('consentTemplates.file')}
          description={t('consentTemplates.fileHint')}
          placeholder={t('consent.chooseFile')}
          accept="application/pdf"
          value={file}
          onChange={setFile}
          clearable
          clearButtonProps={{ 'aria-label': t('consent.removeFile') }}
          required
          error={fileMissing && file === null ? t('consentTemplates.chooseFile') : undefined}
        />
        <Group>
          <Button type="submit" loading={publish.isPending}>
            {t('consentTemplates.publish')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
