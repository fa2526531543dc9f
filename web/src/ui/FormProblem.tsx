import type { DescribedError } from '../lib/errors.ts';

/**
 * What went wrong with a save, above the form, only when no field carries it: a refusal naming
 * fields is shown beside those fields, never repeated here as the server's raw text.
 */
export function FormProblem({ problem }: { problem: DescribedError | null }) {
  if (!problem || problem.fields.length > 0) return null;
  return (
    <div className="notice notice--error" role="alert" tabIndex={-1} data-testid="form-problem">
      <p className="notice__title">{problem.title}</p>
      <p>{problem.message}</p>
    </div>
  );
}

/** After React paints the messages, put the cursor on the first field that needs attention. */
export function focusFirstInvalid(form: HTMLFormElement | null) {
  requestAnimationFrame(() => form?.querySelector<HTMLElement>('[aria-invalid="true"], .notice--error')?.focus());
}
