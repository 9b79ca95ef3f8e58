import { generate } from 'otplib';
import { CommandError } from './fail.ts';

/** Prints the current TOTP code for a base32 secret: for scripts that sign in with a training account. */
export async function totpCodeCommand(secret: string): Promise<void> {
  if (!/^[A-Z2-7]{16,}=*$/i.test(secret)) throw new CommandError('That is not a base32 TOTP secret.');
  process.stdout.write(`${await generate({ secret: secret.toUpperCase() })}\n`);
}
