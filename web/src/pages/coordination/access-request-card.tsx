import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AccessRequestView } from '../../api/onboarding-api.ts';
import { useDateFormat } from '../../i18n/use-date-format.ts';
import { AccessRequestStatusBadge } from '../access-requests/access-request-status-badge.tsx';

interface AccessRequestCardProps {
  request: AccessRequestView;
  confirming: boolean;
  onConfirmEmployment: () => void;
  onDecide: (decision: 'approve' | 'reject') => void;
}

/** One request in the queue: who, for what, why; and what the viewer may do with it now. */
export function AccessRequestCard({ request, confirming, onConfirmEmployment, onDecide }: AccessRequestCardProps) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const headingId = `access-request-${request.id}`;
  const subject = t('coordination.requestOf', { name: request.person.displayName });
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-start" gap="sm">
        <div>
          <Title order={3} size="h5" id={headingId}>
            {subject}
          </Title>
          <Text size="sm" c="dimmed">
            {request.person.email}
          </Text>
        </div>
        <AccessRequestStatusBadge status={request.status} />
      </Group>
      <Text mt="xs">
        <Text span fw={600}>
          {t(`roles.${request.role}`)}
        </Text>
        {` · ${request.ern.name}`}
        {request.hospital && ` · ${request.hospital.name}`}
        {request.stated && ` · ${t('accessRequests.statedLine', { hospital: request.stated.hospital, country: request.stated.country })}`}
      </Text>
      <Text size="sm" c="dimmed">
        {t('coordination.filedAt', { date: format.dateTime(request.createdAt) })}
        {request.employmentConfirmedAt && ` · ${t('coordination.employmentConfirmedAt', { date: format.dateTime(request.employmentConfirmedAt) })}`}
        {request.guestUntil && ` · ${t('accessRequests.guestUntil', { date: format.date(request.guestUntil) })}`}
      </Text>
      <Text mt="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {request.justification}
      </Text>
      {request.decisionReason && (
        <Text mt="xs" size="sm">
          {t('accessRequests.reason', { reason: request.decisionReason })}
        </Text>
      )}
      {(request.canConfirmEmployment || request.canDecide) && (
        <Stack mt="md" gap="xs">
          <Group gap="sm">
            {request.canConfirmEmployment && (
              <Button
                size="sm"
                loading={confirming}
                onClick={onConfirmEmployment}
                aria-label={t('coordination.confirmEmploymentOf', { name: request.person.displayName })}
              >
                {t('coordination.confirmEmployment')}
              </Button>
            )}
            {request.canDecide && (
              <>
                <Button size="sm" onClick={() => onDecide('approve')} aria-label={t('coordination.approveOf', { name: request.person.displayName })}>
                  {t('coordination.approve')}
                </Button>
                <Button
                  size="sm"
                  variant="outline"
                  color="red.9"
                  onClick={() => onDecide('reject')}
                  aria-label={t('coordination.rejectOf', { name: request.person.displayName })}
                >
                  {t('coordination.reject')}
                </Button>
              </>
            )}
          </Group>
        </Stack>
      )}
    </Card>
  );
}
