import { Badge, Button, Group, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSignedInSession } from '../../auth/use-session.ts';
import { approveOutcomeReport, outcomeReportsKey, type OutcomeReportList, type OutcomeReportVersion } from '../../api/outcome-reports-api.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useDateFormat } from '../../i18n/use-date-format.ts';

/**
 * Who approved which revision of a draft (a new revision asks again, so earlier approvals are marked as such),
 * who is still asked, and — for a member who has not yet agreed with the current revision — the approval.
 */
export function OutcomeApprovals({ panelId, version, pending, canApprove, onApproved }: { panelId: string; version: OutcomeReportVersion; pending: OutcomeReportList['pendingApprovals']; canApprove: boolean; onApproved: (message: string) => void }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const queryClient = useQueryClient();
  const me = useSignedInSession().person.id;
  const [comment, setComment] = useState('');
  const mine = version.approvals.find((a) => a.person.personId === me && a.revision === version.revision);
  const mutation = useMutation({
    mutationFn: () => approveOutcomeReport(panelId, version.version, { revision: version.revision, ...(comment.trim() ? { comment: comment.trim() } : {}) }),
    onSuccess: async () => {
      setComment('');
      onApproved(t('outcomeReport.approvals.approved', { revision: version.revision }));
      await queryClient.invalidateQueries({ queryKey: outcomeReportsKey(panelId) });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApproved('');
    mutation.mutate();
  };
  return (
    <Stack gap="sm">
      <Title order={4} size="h5">
        {t('outcomeReport.approvals.title')}
      </Title>
      {version.approvals.length === 0 ? (
        <Text size="sm">{t('outcomeReport.approvals.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs">
            <Table.Caption>{t('outcomeReport.approvals.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('outcomeReport.approvals.member')}</Table.Th>
                <Table.Th scope="col">{t('outcomeReport.approvals.revision')}</Table.Th>
                <Table.Th scope="col">{t('outcomeReport.approvals.when')}</Table.Th>
                <Table.Th scope="col">{t('outcomeReport.approvals.comment')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {version.approvals.map((a) => (
                <Table.Tr key={`${a.person.personId}-${a.revision}`}>
                  <Table.Th scope="row">
                    {a.person.displayName}
                    {a.role && ` (${t(`outcomeReport.role.${a.role}`)})`}
                  </Table.Th>
                  <Table.Td>
                    <Group gap="xs">
                      {t('outcomeReport.approvals.revisionNumber', { revision: a.revision })}
                      {a.revision === version.revision ? (
                        <Badge color="teal.9" variant="filled">
                          {t('outcomeReport.approvals.current')}
                        </Badge>
                      ) : (
                        <Badge color="gray.8" variant="filled">
                          {t('outcomeReport.approvals.earlier')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{format.dateTime(a.approvedAt)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{a.comment ?? t('common.none')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {version.state === 'draft' && (
        <Text size="sm">{pending.length === 0 ? t('outcomeReport.approvals.allApproved', { revision: version.revision }) : t('outcomeReport.approvals.waiting', { revision: version.revision, names: pending.map((p) => p.displayName).join(', ') })}</Text>
      )}
      {version.state === 'draft' && mine && <Text size="sm">{t('outcomeReport.approvals.youApproved', { revision: version.revision })}</Text>}
      {canApprove && !mine && (
        <form onSubmit={submit} noValidate aria-label={t('outcomeReport.approvals.formLabel', { revision: version.revision })}>
          <Stack gap="xs">
            <ProblemAlert error={mutation.error} title={t('outcomeReport.approvals.failed')} />
            <Textarea label={t('outcomeReport.approvals.commentLabel')} value={comment} onChange={(e) => setComment(e.currentTarget.value)} autosize minRows={2} maxLength={5_000} />
            <Group>
              <Button type="submit" loading={mutation.isPending}>
                {t('outcomeReport.approvals.approve', { revision: version.revision })}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
