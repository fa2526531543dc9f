import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

/** What the field edits with: a line of text, a number, a date, or a choice. */
export type InlineEditor =
  | { kind: 'text'; type?: 'text' | 'email' | 'tel' | 'url'; inputMode?: 'decimal' | 'numeric' }
  | { kind: 'date' }
  | { kind: 'select'; options: readonly { value: string; label: string }[] };

interface InlineFieldProps {
  /** The field's name, as a person reads it ("Lifecycle stage"); also the editor's label. */
  label: string;
  /** The value as text for the editor (a select's option value; "" for none). */
  value: string;
  /** How the value reads when not editing (the value itself if absent); empty values read "—". */
  display?: ReactNode;
  editor?: InlineEditor;
  /** False for roles that may only read: the value is plain text, with nothing to click. */
  editable: boolean;
  /**
   * Saves the edited text: resolves to null when saved, or the message to show at the field.
   * The text is the editor's, untrimmed; the caller decides what it means (blank clears, etc.).
   */
  onSave: (text: string) => Promise<string | null>;
  /** Shows the label above the value (record panels); tables and headers leave it to their context. */
  showLabel?: boolean;
  /** What an empty value reads as: "—" unless given (a header says "Add a job title", or nothing). */
  emptyText?: string;
  className?: string;
  testId?: string;
  /**
   * Called when a person reaches for the field (points at it, focuses it, opens it), so what only
   * the editor needs (a select's choices) is fetched then rather than for every row of a table.
   */
  onIntent?: () => void;
}

/**
 * A value edited where it is shown. Click it (or Enter/Space on it) to edit; Enter or leaving the
 * field saves through the record's update mutation, Escape puts the old value back. A refusal is
 * shown at the field, as forms do, and the editor stays open with the cursor in it. People whose
 * role only reads see plain text.
 */
export function InlineField({
  label,
  value,
  display,
  editor = { kind: 'text' },
  editable,
  onSave,
  showLabel,
  emptyText = '—',
  className,
  testId,
  onIntent,
}: InlineFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const busy = useRef(false);
  // Whether the value (rather than wherever the person clicked) gets the keyboard after editing.
  const refocus = useRef(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const control = useRef<HTMLInputElement & HTMLSelectElement>(null);
  const editing = draft !== null;
  // Focus moves once React has drawn the change: into the editor, back to the value, or to a refusal.
  useEffect(() => {
    if (editing) {
      control.current?.focus();
      if (control.current instanceof HTMLInputElement) control.current.select();
    } else if (refocus.current) {
      refocus.current = false;
      trigger.current?.focus();
    }
  }, [editing]);
  useEffect(() => {
    if (error) control.current?.focus();
  }, [error]);
  const reading = display === undefined ? value : display;
  const empty = reading === null || reading === '';
  const shown = empty ? <span className="cell-muted">{emptyText}</span> : reading;
  const classes = ['inline-field', className, editing ? 'inline-field--editing' : null].filter(Boolean).join(' ');

  if (!editable && empty && emptyText === '') return null;
  if (!editable)
    return (
      <span className={classes} data-testid={testId}>
        {showLabel && <span className="inline-field__label">{label}</span>}
        <span className="inline-field__text">{shown}</span>
      </span>
    );

  const start = () => {
    onIntent?.();
    setSaved(false);
    setError(null);
    setDraft(value);
  };
  const finish = (focusBack: boolean) => {
    refocus.current = focusBack;
    setDraft(null);
    setError(null);
  };
  const save = async (focusBack: boolean) => {
    if (draft === null || busy.current) return;
    if (draft === value) return finish(focusBack);
    busy.current = true;
    setSaving(true);
    const problem = await onSave(draft).catch(() => 'The change could not be saved. Try again.');
    busy.current = false;
    setSaving(false);
    if (problem) {
      setError(problem);
      return;
    }
    setSaved(true);
    finish(focusBack);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void save(true);
    } else if (event.key === 'Escape') {
      // The field's own Escape: a side panel or dialog around it stays open.
      event.preventDefault();
      event.stopPropagation();
      finish(true);
    }
  };
  const onBlur = () => {
    // A refused value stays in the editor until it is fixed or Escape puts the old one back.
    if (!error) void save(false);
  };

  const controlProps = {
    id,
    ref: control,
    className: editor.kind === 'select' ? 'select inline-field__control' : 'input inline-field__control',
    value: draft ?? '',
    disabled: saving,
    'aria-invalid': error ? (true as const) : undefined,
    'aria-describedby': error ? `${id}-error` : `${id}-hint`,
    onKeyDown,
    onBlur,
    onChange: (e: { target: { value: string } }) => {
      setDraft(e.target.value);
      setError(null);
    },
  };

  return (
    <span className={classes} data-testid={testId} aria-busy={saving || undefined}>
      {editing ? (
        <>
          <label htmlFor={id} className={showLabel ? 'inline-field__label' : 'visually-hidden'}>
            {label}
          </label>
          {editor.kind === 'select' ? (
            <select {...controlProps}>
              {editor.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          ) : (
            <input
              {...controlProps}
              type={editor.kind === 'date' ? 'date' : (editor.type ?? 'text')}
              inputMode={editor.kind === 'text' ? editor.inputMode : undefined}
            />
          )}
          <span id={`${id}-hint`} className="visually-hidden">
            Enter saves, Escape cancels.
          </span>
          {error && (
            <span id={`${id}-error`} className="field__error inline-field__error" data-testid="field-error">
              {error}
            </span>
          )}
        </>
      ) : (
        <>
          {showLabel && <span className="inline-field__label">{label}</span>}
          <button
            ref={trigger}
            type="button"
            className="inline-field__value"
            onClick={start}
            onPointerEnter={onIntent}
            onFocus={onIntent}
            aria-label={`Edit ${label}: ${textOf(display, value, editor)}`}
          >
            {shown}
          </button>
        </>
      )}
      {/* The live region is there from the first edit on, before anything is said in it. */}
      {(editing || saving || saved) && (
        <span className="visually-hidden" role="status">
          {saving ? `Saving ${label}…` : saved ? `${label} saved.` : ''}
        </span>
      )}
    </span>
  );
}

/** The words a screen reader should hear for the current value. */
function textOf(display: ReactNode, value: string, editor: InlineEditor): string {
  if (typeof display === 'string' || typeof display === 'number') return String(display) || 'not set';
  if (editor.kind === 'select') return editor.options.find((o) => o.value === value)?.label ?? 'not set';
  return value || 'not set';
}
