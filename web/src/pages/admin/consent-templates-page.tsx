import { Anchor, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allConsentTemplatesQuery, consentTemplateUrl, retireConsentTemplate, type ConsentTemplateView } from '../../api/consent-api.ts';
import { Dialog } from '../../components/dialog.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { useDateFormat } from '../../i18n/use-date-format.ts';
import { NewConsentTemplateForm } from './new-consent-template-form.tsx';

/** The model consent forms staff download and have signed: publish a new one, retire one no longer in use. */
export function ConsentTemplatesPage() {
  const { t } = useTranslation();
  const format = useDateFormat();
  const queryClient = useQueryClient();
  const templates = useQuery(allConsentTemplatesQuery);
  const [message, setMessage] = useState<string>();
  const [retiring, setRetiring] = useState<ConsentTemplateView | null>(null);
  const retire = useMutation({
    mutationFn: (template: ConsentTemplateView) => retireConsentTemplate(template.id),
    onSuccess: async (template) => {
      setRetiring(null);
      setMessage(t('consentTemplates.retired', { title: template.title, version: template.version }));
      await queryClient.invalidateQueries({ queryKey: allConsentTemplatesQuery.queryKey });
      await queryClient.invalidateQueries({ queryKey: ['consent-templates'] });
    },
  });
  const closeRetire = () => {
    retire.reset();
    setRetiring(null);
  };
  return (
    <Stack gap="md">
      <div>
        <PageHeading>{t('consentTemplates.title')}</PageHeading>
        <Text maw="48rem">{t('consentTemplates.intro')}</Text>
      </div>
      <Card withBorder padding="lg" component="section" aria-labelledby="new-template-heading">
        <Title order={2} size="h4" id="new-template-heading" mb="sm">
          {t('consentTemplates.new')}
        </Title>
        <NewConsentTemplateForm onPublished={(template) => setMessage(t('consentTemplates.published', { title: template.title, version: template.version }))} />
      </Card>
      <StatusMessage>{message}</StatusMessage>
      {templates.isPending && <LoadingState />}
      {templates.error && <QueryError error={templates.error} onRetry={() => void templates.refetch()} />}
      {templates.data && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped verticalSpacing="sm">
            <Table.Caption>{t('consentTemplates.count', { count: templates.data.templates.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('consentTemplates.formTitle')}</Table.Th>
                <Table.Th scope="col">{t('consentTemplates.kind')}</Table.Th>
                <Table.Th scope="col">{t('consentTemplates.languageShort')}</Table.Th>
                <Table.Th scope="col">{t('consentTemplates.networkShort')}</Table.Th>
                <Table.Th scope="col">{t('consent.formVersion')}</Table.Th>
                <Table.Th scope="col">{t('consent.status')}</Table.Th>
                <Table.Th scope="col">{t('consent.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {templates.data.templates.map((template) => (
                <Table.Tr key={template.id}>
                  <Table.Th scope="row" fw={500}>
                    {template.title}
                  </Table.Th>
                  <Table.Td>{t(`consent.kindValue.${template.kind}`)}</Table.Td>
                  <Table.Td>{template.language}</Table.Td>
                  <Table.Td>{template.ernCode ? template.ernCode.toUpperCase() : t('consentTemplates.everyNetwork')}</Table.Td>
                  <Table.Td>{template.version}</Table.Td>
                  <Table.Td>
                    <Badge variant="filled" color={template.active ? 'teal.9' : 'gray.8'}>
                      {template.active ? t('consentTemplates.active') : t('consentTemplates.retiredOn', { date: template.retiredAt ? format.date(template.retiredAt) : '' })}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Anchor href={consentTemplateUrl(template.id)} download={template.fileName} size="sm" aria-label={t('consentTemplates.downloadNamed', { title: template.title, version: template.version })}>
                        {t('consentTemplates.download')}
                      </Anchor>
                      {template.active && (
                        <Button size="xs" variant="default" onClick={() => setRetiring(template)} aria-label={t('consentTemplates.retireNamed', { title: template.title, version: template.version })}>
                          {t('consentTemplates.retire')}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Dialog opened={retiring !== null} onClose={closeRetire} title={t('consentTemplates.retireTitle')}>
        <Stack gap="sm">
          {retiring && <Text>{t('consentTemplates.retireIntro', { title: retiring.title, version: retiring.version })}</Text>}
          <ProblemAlert error={retire.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={closeRetire}>
              {t('common.cancel')}
            </Button>
            <Button color="red.9" loading={retire.isPending} onClick={() => retiring && retire.mutate(retiring)}>
              {t('consentTemplates.retire')}
            </Button>
          </Group>
        </Stack>
      </Dialog>
    </Stack>
  );
}
