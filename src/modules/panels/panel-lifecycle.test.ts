import { describe, expect, it } from 'vitest';
import * as schema from '../../db/schema/panels.ts';
import { allowedTransitions, checkTransition, panelStatuses, transitionRules, type PanelFacts } from './panel-lifecycle.contract.ts';
import { PanelRole, PanelType, PanelUrgency } from './panels.contract.ts';

const facts = (overrides: Partial<PanelFacts> = {}): PanelFacts => ({ status: 'draft', triageRequired: true, careConsentActive: true, hasShare: true, expertContributions: 2, ...overrides });
const lead = { panelRole: 'lead', coordinator: false } as const;
const coordinator = { panelRole: null, coordinator: true } as const;
const member = { panelRole: 'member', coordinator: false } as const;

describe('the panel lifecycle contract', () => {
  it('names the same statuses, types, urgencies and roles as the database', () => {
    expect([...schema.panelStatuses]).toEqual([...panelStatuses]);
    expect([...schema.panelTypes]).toEqual(PanelType.options);
    expect([...schema.panelUrgencies]).toEqual(PanelUrgency.options);
    expect([...schema.panelRoles]).toEqual(PanelRole.options);
  });

  it('leaves every state but the ends by some rule, and enters every state but draft', () => {
    const left = new Set(transitionRules.map((r) => r.from));
    const entered = new Set(transitionRules.map((r) => r.to));
    expect(panelStatuses.filter((s) => !left.has(s))).toEqual(['archived', 'cancelled']);
    expect(panelStatuses.filter((s) => !entered.has(s))).toEqual([]);
  });

  it('submits to triage or straight to open, as the ERN wants', () => {
    expect(allowedTransitions(facts(), lead).find((t) => t.action === 'submit')?.to).toBe('submitted');
    expect(allowedTransitions(facts({ triageRequired: false }), lead).find((t) => t.action === 'submit')?.to).toBe('open');
  });

  it('shows blocked steps with their reason, and the acknowledgement a thin panel needs to close', () => {
    expect(allowedTransitions(facts({ careConsentActive: false, hasShare: false }), lead).find((t) => t.action === 'submit')?.blockedBy).toEqual(['careConsent', 'share']);
    expect(allowedTransitions(facts({ status: 'open', expertContributions: 1 }), lead).find((t) => t.action === 'close')).toMatchObject({ needsAcknowledgement: true, reason: 'required' });
    expect(allowedTransitions(facts({ status: 'open' }), member)).toEqual([]);
    expect(allowedTransitions(facts({ status: 'submitted' }), coordinator).map((t) => t.action).sort()).toEqual(['accept', 'cancel', 'returnToDraft']);
  });

  it('answers 403 for the role, 409 for the state or a guard, 422 for missing input', () => {
    expect(checkTransition(facts({ status: 'open' }), member, 'close', {})).toMatchObject({ ok: false, status: 403 });
    expect(checkTransition(facts({ status: 'draft' }), lead, 'close', {})).toMatchObject({ ok: false, status: 409 });
    expect(checkTransition(facts({ status: 'outcomeDrafting' }), lead, 'signOutcome', {})).toMatchObject({ ok: false, status: 409, problem: 'outcomeReport' });
    expect(checkTransition(facts({ careConsentActive: false }), lead, 'submit', {})).toMatchObject({ ok: false, status: 409, problem: 'careConsent' });
    expect(checkTransition(facts({ status: 'submitted' }), coordinator, 'returnToDraft', {})).toMatchObject({ ok: false, status: 422, problem: 'reason' });
    expect(checkTransition(facts({ status: 'open', expertContributions: 0 }), lead, 'close', { reason: 'Done.' })).toMatchObject({ ok: false, status: 422, problem: 'fewContributions' });
    expect(checkTransition(facts({ status: 'open', expertContributions: 0 }), lead, 'close', { reason: 'Done.', acknowledgeFewContributions: true })).toMatchObject({ ok: true });
  });
});
