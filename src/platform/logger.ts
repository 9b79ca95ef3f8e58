import pino, { type Logger, type LoggerOptions } from 'pino';
import type { LogLevel } from '../config/config.ts';

/**
 * Paths never written to logs. Patient data must not reach logs at all (URLs carry pseudonymous ids
 * only, bodies are not logged); this list is the safety net for credentials and identifying fields.
 */
export const redactPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.totp',
  '*.secret',
  '*.token',
  '*.identity',
  '*.patientIdentity',
  '*.firstName',
  '*.lastName',
  '*.dateOfBirth',
  '*.recordNumber',
  '*.nationalId',
];

export function loggerOptions(level: LogLevel): LoggerOptions {
  return {
    level,
    redact: { paths: redactPaths, censor: '[redacted]' },
    base: { service: 'open-cpms' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
}

export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  return destination ? pino(loggerOptions(level), destination) : pino(loggerOptions(level));
}
