// API shapes for the external prover (engine/external-backend.ts): the command template that proves work the
// native engine cannot (real zkSync batches, RISC Zero and SP1 programs), and its check, shared by the core
// and the Settings page.
import { z } from 'zod';

export const PLACEHOLDERS = ['{input_url}', '{input_file}', '{output_file}'] as const;

/** Problems with a command template, or an empty list when it is usable. */
export function checkCommandTemplate(command: readonly string[]): string[] {
  const problems: string[] = [];
  if (command.length === 0 || !command[0]?.trim()) problems.push('the command is empty');
  for (const arg of command) {
    for (const match of arg.match(/\{[^{}]*\}/g) ?? []) {
      if (!(PLACEHOLDERS as readonly string[]).includes(match)) problems.push(`unknown placeholder ${match} (use ${PLACEHOLDERS.join(', ')})`);
    }
  }
  if (!command.some((arg) => arg.includes('{input_url}') || arg.includes('{input_file}'))) {
    problems.push('the command takes no input: add {input_url} or {input_file}');
  }
  return problems;
}

export const ExternalBackendView = z.object({
  /** argv template, or null when none is set. */
  command: z.array(z.string()).nullable(),
  placeholders: z.array(z.string()),
});
export type ExternalBackendView = z.infer<typeof ExternalBackendView>;

export const ExternalBackendSetInput = z
  .object({ command: z.array(z.string().max(4096)).min(1).max(64).nullable() })
  .strict();
