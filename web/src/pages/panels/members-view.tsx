import { Badge, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PanelDetail, PanelMemberView } from '../../api/panels-api.ts';
import { StatusMessage } from '../../components/status-message.tsx';
import { useDateFormat } from '../../i18n/use-date-format.ts';
import { GuestInvitationForm } from './guest-invitation-form.tsx';
import { InviteExperts } from './invite-experts.tsx';

const stateColours: Record<PanelMemberView['status'], string> = { invited: 'violet.9', accepted: 'teal.9', declined: 'gray.8' };

/** Who takes part, in which role, and where each invitation stands; the lead and coordinators invite more. */
export function MembersView({ panel }: { panel: PanelDetail }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const [status, setStatus] = useState('');
  return (
    <Stack gap="lg">
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="xs">
          <Table.Caption>{t('panels.members.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('panels.members.name')}</Table.Th>
              <Table.Th scope="col">{t('panels.members.role')}</Table.Th>
              <Table.Th scope="col">{t('panels.members.invitation')}</Table.Th>
              <Table.Th scope="col">{t('panels.members.where')}</Table.Th>
              <Table.Th scope="col">{t('panels.members.dates')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {panel.members.map((member) => (
              <Table.Tr key={member.personId}>
                <Table.Th scope="row" fw={500}>
                  {member.displayName}
                </Table.Th>
                <Table.Td>{t(`panels.role.${member.role}`)}</Table.Td>
                <Table.Td>
                  <Badge color={stateColours[member.status]} variant="filled">
                    {t(`panels.members.state.${member.status}`)}
                  </Badge>
                  {member.guestAccountPending && <Text size="sm">{t('panels.members.guestPending')}</Text>}
                  {member.declineReason && <Text size="sm">{t('panels.members.declineReason', { reason: member.declineReason })}</Text>}
                </Table.Td>
                <Table.Td>{[member.hospitalName, member.country].filter(Boolean).join(', ') || t('common.none')}</Table.Td>
                <Table.Td>
                  <Text size="sm">{t('panels.members.invitedAt', { when: format.date(member.invitedAt) })}</Text>
                  {member.respondedAt && <Text size="sm">{t('panels.members.respondedAt', { when: format.date(member.respondedAt) })}</Text>}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <StatusMessage>{status}</StatusMessage>
      {panel.can.invite && (
        <>
          <Stack gap="sm" component="section" aria-labelledby="invite-heading">
            <Title order={3} size="h4" id="invite-heading">
              {t('panels.members.inviteHeading')}
            </Title>
            <InviteExperts panel={panel} onInvited={setStatus} />
          </Stack>
          <Stack gap="sm" component="section" aria-labelledby="guest-heading">
            <Title order={3} size="h4" id="guest-heading">
              {t('panels.members.guestHeading')}
            </Title>
            <GuestInvitationForm panelId={panel.id} onInvited={setStatus} />
          </Stack>
        </>
      )}
    </Stack>
  );
}
