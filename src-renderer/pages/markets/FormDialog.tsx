// The frame of a coordinator's add, connect or edit dialog (every kind): a modal form with its title, the fields it
// is given, the core's refusal, and Cancel and the submit button (Save when editing). Its fields are disabled while
// it is sent.
import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';

interface FormDialogProps {
  title: string;
  editing: boolean;
  /** The submit button of a new one (Save when editing). */
  submitLabel?: string;
  busy: boolean;
  failure: string | null;
  onSubmit(): void;
  onCancel(): void;
  children: ReactNode;
}

export function FormDialog({ title, editing, submitLabel = 'Connect', busy, failure, onSubmit, onCancel, children }: FormDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current!;
    dialog.showModal();
    return () => dialog.close();
  }, []);

  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit();
  }

  return (
    // Escape closes a modal dialog by itself; onCancel keeps React's state in step.
    <dialog ref={dialogRef} className="form-dialog" aria-label={title} onCancel={onCancel}>
      <h2>{title}</h2>
      <form onSubmit={submit} noValidate>
        <fieldset disabled={busy}>
          {children}
          {failure !== null && (
            <p className="form-error" role="alert">
              {failure}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" onClick={onCancel}>
              Cancel
            </button>
            <button type="submit">{editing ? 'Save' : submitLabel}</button>
          </div>
        </fieldset>
      </form>
    </dialog>
  );
}
