/** Shown instead of a page the person's role may not use (the gateway would refuse it anyway). */
export function NotAllowed({ what }: { what: string }) {
  return (
    <div className="notice notice--error" role="alert">
      <p className="notice__title">Not allowed</p>
      <p>Your role does not allow you to {what}.</p>
    </div>
  );
}
