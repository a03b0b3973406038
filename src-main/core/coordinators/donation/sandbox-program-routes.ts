// The /program scope of the donation sandbox (§2–§7): listings, program and template downloads, the two
// reserving GETs, the organisation's uploads, the anonymous proof upload, proof download, accept, reject and
// deletions. Specific paths come before /program/{program_id}, as the real server registers them.
import { tarOf, guestTemplateTar } from './sandbox-archive.js';
import { authenticate, type TokenIssuer } from './sandbox-auth.js';
import { decodeStandardBase64, readCsvRows, writeInputCsv } from './csv-input.js';
import { SandboxError, SandboxPanic } from './sandbox-errors.js';
import { json, pagingOf, parseJsonPart, type Reply, type Route, type RouteContext } from './sandbox-http.js';
import { readMultipart } from './sandbox-multipart.js';
import type { SandboxGroup, SandboxState } from './sandbox-state.js';
import { MAX_INPUT_ROW_BYTES, UploadInputGroupDataSchema, UploadProgramDataSchema, UploadProofDataSchema } from './wire.js';

export interface ProgramRouteOptions {
  maxUploadBytes: number;
  /** Refuse proofs for groups that do not exist or were never reserved (the real server accepts anything). */
  strictProofUploads: boolean;
}

const ID = '([^/]+)';
const path = (pattern: string) => new RegExp(`^${pattern.replaceAll('{id}', ID)}$`);

export function programRoutes(state: SandboxState, tokens: TokenIssuer, options: ProgramRouteOptions): Route[] {
  const owner = (req: RouteContext['req']) => authenticate(tokens, req);

  /** Both reserving GETs (§3): the S3 fetch of program.tar can fail, which undoes the reservation. */
  const reserve = (context: RouteContext): { group: SandboxGroup; tar: Buffer } => {
    const [programId] = context.params as [string];
    const program = state.program(programId);
    const group = state.reserve(programId);
    if (context.fault?.kind === 'storage-failure' || !program.storedAsTar) {
      group.lastReservedS = null;
      throw new SandboxError('INTERNAL_SERVER_ERROR');
    }
    return { group, tar: program.tar };
  };

  return [
    {
      method: 'GET',
      path: path('/program/all'),
      fault: 'list',
      async handle({ url }) {
        const filter = url.searchParams.get('name_filter');
        return json(state.listPrograms((p) => filter === null || p.name.startsWith(filter), pagingOf(url)));
      },
    },
    {
      method: 'GET',
      path: path('/program/mine'),
      fault: 'organisation',
      async handle({ req, url }) {
        const organizationId = await owner(req);
        return json(state.listPrograms((p) => p.organizationId === organizationId, pagingOf(url)));
      },
    },
    {
      method: 'GET',
      path: path('/program/organization/{id}'),
      fault: 'list',
      async handle({ url, params: [organizationId] }) {
        if (!state.accounts.some((a) => a.organizationId === organizationId)) throw new SandboxError('ACCOUNT_NOT_FOUND');
        return json(state.listPrograms((p) => p.organizationId === organizationId, pagingOf(url)));
      },
    },
    {
      method: 'GET',
      path: path('/program/template'),
      fault: 'download-program',
      async handle() {
        return file(guestTemplateTar(), 'template.tar');
      },
    },
    {
      method: 'GET',
      path: path('/program/proofs'),
      fault: 'organisation',
      async handle({ req, url }) {
        return json(state.provenPrograms(await owner(req), pagingOf(url)));
      },
    },
    {
      method: 'GET',
      path: path('/program/proofs/{id}'),
      fault: 'organisation',
      async handle({ req, url, params: [programId] }) {
        state.ownedProgram(await owner(req), programId!);
        return json(state.pagedGroups(state.groupsOf(programId!).filter((g) => g.provenS !== null), pagingOf(url)));
      },
    },
    {
      method: 'GET',
      path: path('/program/proof/{id}/{id}'),
      fault: 'organisation',
      async handle({ req, params: [programId, inputGroupId] }) {
        // The S3 key is built from the caller's organisation; a missing object makes the download `expect` panic.
        const proof = state.proofs.get(`${await owner(req)}/${programId}/${inputGroupId}`);
        if (!proof) throw new SandboxPanic('no proof is stored for this group under the caller\'s organisation');
        return file(proof, `proof_${programId}_${inputGroupId}.bin`);
      },
    },
    {
      method: 'GET',
      path: path('/program/inputs/all/{id}'),
      fault: 'organisation',
      async handle({ req, url, params: [programId] }) {
        state.ownedProgram(await owner(req), programId!);
        return json(state.pagedGroups(state.groupsOf(programId!), pagingOf(url)));
      },
    },
    {
      method: 'GET',
      path: path('/program/inputs/{id}'),
      fault: 'reserve',
      async handle(context) {
        const { group } = reserve(context);
        return file(Buffer.from(csvOf(group, context), 'utf8'), `${group.inputGroupId}.csv`, 'text/csv');
      },
    },
    {
      method: 'GET',
      path: path('/program/program-and-inputs/{id}'),
      fault: 'reserve',
      async handle(context) {
        const { group, tar } = reserve(context);
        const programId = context.params[0]!;
        const archive =
          context.fault?.kind === 'replace-archive'
            ? Buffer.from(context.fault.archive)
            : tarOf([
                { name: `${programId}.tar`, bytes: tar },
                { name: `${group.inputGroupId}.csv`, bytes: Buffer.from(csvOf(group, context), 'utf8') },
              ]);
        return file(archive, `${programId}_${group.inputGroupId}.tar`);
      },
    },
    {
      method: 'GET',
      path: path('/program/{id}'),
      fault: 'download-program',
      async handle({ params: [programId] }) {
        const program = state.program(programId!);
        if (!program.storedAsTar) throw new SandboxPanic('the program was not uploaded as a .tar, so program.tar does not exist');
        return file(program.tar, `${programId}.tar`);
      },
    },
    {
      method: 'POST',
      path: path('/program/upload'),
      fault: 'organisation',
      async handle({ req }) {
        const organizationId = await owner(req);
        const upload = await readMultipart(req, options.maxUploadBytes);
        const data = parseJsonPart(upload.data, UploadProgramDataSchema);
        const program = state.addProgram({
          organizationId,
          name: data.name,
          description: data.description,
          inputLockTimeoutS: data.execution_timeout,
          tar: upload.file.bytes,
          storedAsTar: upload.file.filename.endsWith('.tar'),
        });
        return json({ program_id: program.programId });
      },
    },
    {
      method: 'POST',
      path: path('/program/inputs/{id}'),
      fault: 'organisation',
      async handle({ req, params: [programId] }) {
        const organizationId = await owner(req);
        const upload = await readMultipart(req, options.maxUploadBytes);
        const data = parseJsonPart(upload.data, UploadInputGroupDataSchema);
        state.ownedProgram(organizationId, programId!);
        const group = state.addGroup(programId!, data.name, inputRows(upload.file.bytes.toString('utf8')));
        return json({ input_group_id: group.inputGroupId });
      },
    },
    {
      method: 'POST',
      path: path('/program/proof'),
      fault: 'upload-proof',
      async handle({ req }) {
        const upload = await readMultipart(req, options.maxUploadBytes);
        const data = parseJsonPart(upload.data, UploadProofDataSchema);
        if (options.strictProofUploads) {
          const group = state.groups.find((g) => g.programId === data.program_id && g.inputGroupId === data.input_group_id);
          if (!group || group.lastReservedS === null) {
            throw new SandboxError('INPUT_GROUP_NOT_FOUND', `Input group not found (sandbox strict mode: no reserved group ${data.input_group_id} in program ${data.program_id})`);
          }
        }
        state.proofs.set(`${data.organization_id}/${data.program_id}/${data.input_group_id}`, upload.file.bytes);
        state.markProven(data.program_id, data.input_group_id);
        return json(null);
      },
    },
    {
      method: 'PATCH',
      path: path('/program/proof/{id}/{id}'),
      fault: 'organisation',
      async handle({ req, params: [programId, inputGroupId] }) {
        state.reject(await owner(req), programId!, inputGroupId!);
        return json(null);
      },
    },
    {
      method: 'DELETE',
      path: path('/program/proof/{id}/{id}'),
      fault: 'organisation',
      async handle({ req, params: [programId, inputGroupId] }) {
        state.removeGroup(await owner(req), programId!, inputGroupId!);
        return json(null);
      },
    },
    {
      method: 'DELETE',
      path: path('/program/input/{id}/{id}'),
      fault: 'organisation',
      async handle({ req, params: [programId, inputGroupId] }) {
        state.removeGroup(await owner(req), programId!, inputGroupId!);
        return json(null);
      },
    },
    {
      method: 'DELETE',
      path: path('/program/{id}'),
      fault: 'organisation',
      async handle({ req, params: [programId] }) {
        state.removeProgram(await owner(req), programId!);
        return json(null);
      },
    },
  ];
}

function file(bytes: Buffer, filename: string, contentType = 'application/x-tar'): Reply {
  return { kind: 'file', bytes, filename, contentType };
}

function csvOf(group: SandboxGroup, context: RouteContext): string {
  return context.fault?.kind === 'replace-csv' ? context.fault.csv : writeInputCsv(group.rows);
}

/** store_inputs (§4.1): one field per row (asserted: a panic), standard base64, at most 1024 bytes decoded. */
function inputRows(csv: string): Buffer[] {
  return readCsvRows(csv).map((fields, index) => {
    if (fields.length !== 1) throw new SandboxPanic(`row ${index + 1} has ${fields.length} fields; the server asserts exactly one`);
    const bytes = decodeStandardBase64(fields[0]!);
    if (!bytes) throw new SandboxError('BAD_BASE_64_ENCODING');
    if (bytes.length > MAX_INPUT_ROW_BYTES) {
      throw new SandboxError('SANDBOX_INPUT_ROW_TOO_LONG', `Input row ${index + 1} decodes to ${bytes.length} bytes; the server stores at most ${MAX_INPUT_ROW_BYTES} per row`);
    }
    return bytes;
  });
}
