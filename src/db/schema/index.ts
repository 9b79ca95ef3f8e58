export * from './installation.ts';
export * from './organisations.ts';
