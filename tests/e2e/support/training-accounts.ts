import { trainingAccounts, type TrainingAccount } from '../../../src/seed/training-accounts.ts';

/** A seeded training account (src/seed/training-accounts.ts) by the first part of its e-mail address. */
export function trainingAccount(name: string): TrainingAccount {
  const account = trainingAccounts.find((candidate) => candidate.email === `${name}@training.open-cpms.eu`);
  if (!account) throw new Error(`No training account ${name}@training.open-cpms.eu is seeded.`);
  return account;
}

/** Which spec uses which account, so parallel tests rarely share one (a TOTP code works only once). */
export const accounts = {
  /** Journey: sign in with TOTP, affiliation, sessions, sign out. */
  healthProfessional: () => trainingAccount('hp.waldstadt'),
  /** Journey: files an access request, then sets up an authenticator. */
  newcomer: () => trainingAccount('newcomer'),
  /** Journey: approves the newcomer's request. */
  coordinator: () => trainingAccount('coordinator.rnd'),
  /** Accessibility of the signed-in pages of an ordinary member. */
  member: () => trainingAccount('hp.noordhaven'),
  /** The second-factor page and its wrong-code message. */
  secondFactorOnly: () => trainingAccount('hp.two-hospitals'),
  /** Signing in on the way to a page, and coming back to it. */
  assistant: () => trainingAccount('assistant.waldstadt'),
  /** Ending sessions. */
  sessions: () => trainingAccount('researcher.rnd'),
  /** Editing the profile. */
  profile: () => trainingAccount('guest.valid'),
  representative: () => trainingAccount('representative.waldstadt'),
  otherCoordinator: () => trainingAccount('coordinator.erknet'),
  dataProtectionOfficer: () => trainingAccount('dpo.waldstadt'),
  administrator: () => trainingAccount('admin'),
};
