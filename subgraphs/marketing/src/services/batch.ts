import DataLoader from 'dataloader';

/**
 * Calls made in the same turn of the event loop, run as one: a worker sends many campaign emails at
 * once, and each would otherwise cost its own round trip to PostgreSQL for the same statement (and
 * wait its turn on the campaign's row lock). `run` gets the inputs in call order and returns one
 * output per input, in the same order; every caller gets its own output, or the batch's error.
 * DataLoader does the gathering (no cache: every call is its own request).
 */
export function batched<I, O>(run: (inputs: I[]) => Promise<O[]>, max = 200): (input: I) => Promise<O> {
  const loader = new DataLoader<I, O>(async (inputs) => run([...inputs]), {
    cache: false,
    maxBatchSize: max,
    // Gather until the event loop turns (jobs started by one poll of the queue land in one batch).
    batchScheduleFn: (flush) => setImmediate(flush),
  });
  return (input) => loader.load(input);
}
