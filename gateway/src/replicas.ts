/**
 * A subgraph may run as several processes (replicas) over the same database and Redis: its
 * `<NAME>_URL` then lists one URL per replica, separated by commas (`npm start` does this for
 * `<NAME>_REPLICAS`). The gateway spreads its calls over them in turn, and a replica that refuses
 * the connection is skipped for that call (and set aside briefly), so one replica down fails no
 * request while another answers.
 */
import { ReplicaPicker, splitUrls } from '@nexus/platform';

/** One picker per subgraph, from its configured URL list (`<NAME>_URL`). */
export const replicaPickers = (urls: ReadonlyMap<string, string>): Map<string, ReplicaPicker> =>
  new Map([...urls].map(([name, list]) => [name, new ReplicaPicker(splitUrls(list))]));

/**
 * `send` (a call whose first argument is the URL) going to the subgraph's next replica: the URL it
 * is given is the subgraph's, not a replica's, and is ignored when there is a picker. It wraps the
 * network call itself, below request merging, so only calls that go out take a turn.
 */
export const overReplicas =
  <A extends unknown[], R>(picker: ReplicaPicker | undefined, send: (url: string, ...args: A) => Promise<R>) =>
  (url: string, ...args: A): Promise<R> =>
    picker ? picker.call((replica) => send(replica, ...args)) : send(url, ...args);
