export function Splash({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="splash" role="status" aria-live="polite">
      {label}
    </div>
  );
}

/** A short "loading" line inside a section, where a whole-page splash would be too much. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="loading-line" role="status">
      {label}
    </p>
  );
}
