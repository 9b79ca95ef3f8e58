export * from './installation.ts';
export * from './organisations.ts';
export * from './identity.ts';
export * from './audit.ts';
export * from './mail.ts';
export * from './patients.ts';
export * from './consents.ts';
