import { useEffect, useId, useRef, useState, type FormEvent } from 'react';

interface LostReasonDialogProps {
  dealTitle: string;
  stageName: string;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}

/** A lost deal needs a reason; asked in a modal dialog before the move is sent. */
export function LostReasonDialog({ dealTitle, stageName, onConfirm, onCancel }: LostReasonDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const ids = { title: useId(), reason: useId() };

  useEffect(() => {
    const node = dialog.current;
    if (node && !node.open) node.showModal();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim()) onConfirm(reason.trim());
  };

  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby={ids.title}
      onCancel={onCancel}
      data-testid="lost-reason-dialog"
    >
      <form onSubmit={submit} className="dialog__body">
        <h2 id={ids.title} className="dialog__title">
          Move “{dealTitle}” to {stageName}
        </h2>
        <div className="field">
          <label className="field__label" htmlFor={ids.reason}>
            Why was it lost?
          </label>
          <textarea
            id={ids.reason}
            className="input textarea"
            required
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            autoFocus
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={!reason.trim()}>
            Mark as lost
          </button>
          <button type="button" className="button button--ghost" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
