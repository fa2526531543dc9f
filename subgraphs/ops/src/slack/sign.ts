import { createHmac } from 'node:crypto';

/** `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<body>`: the header Slack sends with every request. */
export const signSlackBody = (secret: string, timestamp: number | string, body: string | Buffer): string =>
  `v0=${createHmac('sha256', secret)
    .update(`v0:${String(timestamp)}:`)
    .update(body)
    .digest('hex')}`;
