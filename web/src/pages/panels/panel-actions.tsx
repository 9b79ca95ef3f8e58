import { Button, Group, List, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AllowedTransition, PanelDetail } from '../../api/panels-api.ts';
import { EditDraftDialog } from './edit-draft-dialog.tsx';
import { ReassignLeadDialog } from './reassign-lead-dialog.tsx';
import { ShareDialog } from './share-dialog.tsx';
import { TransitionDialog, type TransitionTarget } from './transition-dialog.tsx';

type Open = { kind: 'transition'; target: TransitionTarget } | { kind: 'editDraft' } | { kind: 'share' } | { kind: 'reassignLead' };

const quiet = new Set(['cancel', 'close', 'returnToDraft', 'resumeDiscussion', 'archive']);

/**
 * What I may do with the panel now: the lifecycle steps the server allows me (shared rules: the panel
 * view's allowedTransitions), each confirmed in a dialog — a step blocked by a guard is shown disabled
 * with the reason — plus editing a draft, sharing a later record version and reassigning the lead.
 * Signing is done in the outcome report, never here.
 */
export function PanelActions({ panel, onDone }: { panel: PanelDetail; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Open>();
  const steps = panel.allowedTransitions.filter((step) => step.via === 'transitions');
  const blocked = steps.filter((step) => step.blockedBy.length > 0);
  const target = (step: AllowedTransition): TransitionTarget => ({
    panelId: panel.id,
    panelTitle: panel.title,
    ernId: panel.ern.id,
    action: step.action,
    reason: step.reason,
    needsAcknowledgement: step.needsAcknowledgement,
    expertContributionCount: panel.expertContributionCount,
    onPanel: panel.members.filter((m) => m.status !== 'declined').map((m) => m.personId),
  });
  const done = (message: string) => {
    setOpen(undefined);
    onDone(message);
  };
  const nothing = steps.length === 0 && !panel.can.editDraft && !panel.can.share && !panel.can.reassignLead;
  if (nothing) return null;
  return (
    <Stack gap="xs" component="section" aria-label={t('panels.actions.label')}>
      <Group gap="sm">
        {steps.map((step) => (
          <Button
            key={`${step.action}-${step.to}`}
            variant={quiet.has(step.action) ? 'outline' : 'filled'}
            color={step.action === 'cancel' || step.action === 'close' ? 'red.9' : undefined}
            disabled={step.blockedBy.length > 0}
            onClick={() => setOpen({ kind: 'transition', target: target(step) })}
          >
            {t(`panels.action.${step.action}`)}
          </Button>
        ))}
        {panel.can.editDraft && (
          <Button variant="default" onClick={() => setOpen({ kind: 'editDraft' })}>
            {t('panels.draft.edit')}
          </Button>
        )}
        {panel.can.share && (
          <Button variant="default" onClick={() => setOpen({ kind: 'share' })}>
            {panel.currentShare ? t('panels.share.later') : t('panels.share.first')}
          </Button>
        )}
        {panel.can.reassignLead && (
          <Button variant="default" onClick={() => setOpen({ kind: 'reassignLead' })}>
            {t('panels.lead.open')}
          </Button>
        )}
      </Group>
      {blocked.length > 0 && (
        <List size="sm" aria-label={t('panels.actions.blocked')}>
          {blocked.flatMap((step) =>
            step.blockedBy.map((guard) => <List.Item key={`${step.action}-${guard}`}>{t('panels.actions.blockedBy', { action: t(`panels.action.${step.action}`), why: t(`panels.guard.${guard}`) })}</List.Item>),
          )}
        </List>
      )}
      {panel.allowedTransitions.some((step) => step.via === 'outcomeReport') && <Text size="sm">{t('panels.actions.signInOutcome')}</Text>}
      {open?.kind === 'transition' && <TransitionDialog target={open.target} onClose={() => setOpen(undefined)} onDone={done} />}
      {open?.kind === 'editDraft' && <EditDraftDialog panel={panel} onClose={() => setOpen(undefined)} onSaved={done} />}
      {open?.kind === 'share' && <ShareDialog panel={panel} onClose={() => setOpen(undefined)} onShared={done} />}
      {open?.kind === 'reassignLead' && <ReassignLeadDialog panel={panel} onClose={() => setOpen(undefined)} onDone={done} />}
    </Stack>
  );
}
