import { pino, type Logger } from 'pino';

export type { Logger };

let level = 'info';

/** Sets the level every logger created afterwards uses (from the workspace's parsed env). */
export const setLogLevel = (l: string): void => {
  level = l;
};

/** Structured JSON logs (pino); `service` names the process in every line. */
export const createLogger = (service: string): Logger =>
  pino({
    level,
    base: { service },
    redact: {
      paths: [
        'password',
        '*.password',
        'req.headers.authorization',
        'req.headers.cookie',
        'headers.authorization',
        'headers.cookie',
        '*.accessToken',
        '*.refreshToken',
      ],
      censor: '[redacted]',
    },
  });
