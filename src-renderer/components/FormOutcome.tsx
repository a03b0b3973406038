// What became of a form's last save: the core's refusal (announced at once) or a confirmation.
import type { ReactNode } from 'react';

export function FormOutcome({ error, notice, inline = false, errorTestId }: { error?: string | null; notice?: ReactNode; inline?: boolean; errorTestId?: string }) {
  const Tag = inline ? 'span' : 'p';
  return (
    <>
      {error != null && (
        <Tag className="form-error" role="alert" {...(errorTestId === undefined ? {} : { 'data-testid': errorTestId })}>
          {error}
        </Tag>
      )}
      {notice != null && (
        <Tag className="form-notice" role="status">
          {notice}
        </Tag>
      )}
    </>
  );
}
