import { generate } from 'otplib';

const STEP_SECONDS = 30;

/** The authenticator code for a time step (0 = now, 1 = the next 30 seconds), as an app would show it. */
export function totpCode(secret: string, stepsAhead = 0): Promise<string> {
  const epoch = Math.floor(Date.now() / 1000) + stepsAhead * STEP_SECONDS;
  return generate({ secret, epoch });
}

/** Milliseconds until the next time step begins. */
export const untilNextStep = () => STEP_SECONDS * 1000 - (Date.now() % (STEP_SECONDS * 1000)) + 250;

/**
 * Tries codes until the server takes one. The server accepts the previous, current and next step but
 * never a step at or before the last one used (no replay), so a test signing in soon after another
 * with the same account moves on to the next step, or waits for it.
 */
export async function withFreshCode(secret: string, submit: (code: string) => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 4; attempt += 1) {
    if (await submit(await totpCode(secret, 0))) return;
    if (await submit(await totpCode(secret, 1))) return;
    await new Promise((resolve) => setTimeout(resolve, untilNextStep()));
  }
  throw new Error('No authenticator code was accepted in four time steps.');
}
