// `proverdesk jobs [--json]`: the job history, newest first.
import { parseOptions } from '../cli-options.js';
import { dataDirOption, openCliParts } from '../cli-parts.js';

export const JOBS_HELP = `Options for jobs:
  --json                   Print JSON (id, coordinator, external id, state, error, times).
  --data-dir DIR           Read the data in DIR.
`;

export async function jobs(args: string[]): Promise<number> {
  const values = parseOptions(args, { ...dataDirOption, json: { type: 'boolean', default: false } });
  const parts = await openCliParts(values['data-dir']);
  try {
    const names = new Map(parts.store.coordinators.list().map((c) => [c.id, c.name]));
    const rows = parts.store.jobs.list({ limit: 1000 }).map((job) => ({
      id: job.id,
      coordinator: names.get(job.coordinatorId) ?? job.coordinatorId,
      externalId: job.externalId,
      state: job.state,
      error: job.error,
      createdAt: new Date(job.createdAtMs).toISOString(),
      updatedAt: new Date(job.updatedAtMs).toISOString(),
    }));
    if (values.json) {
      process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    } else if (rows.length === 0) {
      process.stdout.write('no jobs yet\n');
    } else {
      for (const row of rows) process.stdout.write(`${row.updatedAt}  ${row.state.padEnd(11)}  ${row.coordinator}  ${row.externalId}${row.error ? `  (${row.error})` : ''}\n`);
    }
    return 0;
  } finally {
    parts.close();
  }
}
