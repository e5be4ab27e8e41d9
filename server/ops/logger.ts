/**
 * One JSON line per request and per background event (pino). What goes in a line is chosen field by
 * field by its caller: ids, routes, states, counts and error codes, never a secret, a token, a
 * credential or a message body. Paths are logged without their query (a search may hold customer text).
 */
import pino, { type Logger } from 'pino';

export type { Logger };

export interface LoggerOptions {
  /** GOQ_LOG_LEVEL: fatal, error, warn, info (default), debug, silent */
  level?: string;
  /** where the lines go (default stdout); tests pass a stream to read them */
  destination?: NodeJS.WritableStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const base = { service: 'goq-inquiry' };
  // authorization and cookie headers are never logged even if a caller passes them by mistake
  const redact = { paths: ['authorization', 'headers.authorization', 'headers.cookie', 'token', 'credentials', 'body'], censor: '[redacted]' };
  const settings = { level: options.level ?? 'info', base, redact, timestamp: pino.stdTimeFunctions.isoTime };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}

/** A logger that writes nothing (tests, benchmarks). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
