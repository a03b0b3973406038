// The donation.programs query: one page of a program distributor's programs (GET /program/all), so the user
// can choose which to prove for. Listing only: a program's size is learnt when its first job is sized (that
// download can be gigabytes), so whether it fits this machine is not known here yet.
import { ApiError } from '../api/contract.js';
import type { DonationPrograms, DonationProgramsInput } from '../api/market-schemas.js';
import { HttpClient, NetworkError } from '../net/http-client.js';
import type { z } from 'zod';
import { DonorClient } from './donation/donor-client.js';
import { DonationProtocolError, DonationServerError, RequestRefusedError } from './donation/transport.js';

/** Someone is waiting for the list: one quick retry, then say what went wrong. */
const listingHttp = () => new HttpClient({ timeoutMs: 15_000, retries: 1, retryBaseMs: 250, retryMaxMs: 1_000 });

export const SIZE_UNKNOWN = 'size known once the first job is sized';

export async function listDonationPrograms(input: DonationProgramsInput, http: HttpClient = listingHttp()): Promise<z.output<typeof DonationPrograms>> {
  const client = new DonorClient(input.url, http, http);
  let listed;
  try {
    listed = await client.listPrograms({ page: input.page, limit: input.limit, ...(input.nameFilter === undefined ? {} : { nameFilter: input.nameFilter }) });
  } catch (error) {
    if (error instanceof NetworkError || error instanceof DonationServerError || error instanceof DonationProtocolError || error instanceof RequestRefusedError) {
      // The messages name host and path only; the host alone (never user:password@) names the server here.
      throw new ApiError('unavailable', `could not list the programs of ${new URL(input.url).host}: ${error.message}`);
    }
    throw error;
  }
  return {
    programs: listed.programs.map((program) => ({
      programId: program.program_id,
      name: program.name,
      description: program.description,
      organizationId: program.organization_id,
      inputLockTimeoutS: program.input_lock_timeout,
      fits: null,
      reason: SIZE_UNKNOWN,
    })),
    total: listed.total_elements_amount,
    page: input.page,
  };
}
